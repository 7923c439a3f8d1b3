package ai.disinto.agent.formula;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the prompt footer names: the repository API and the factory's folders.
 *
 * @param forgeApi the repository's API base ({@code FORGE_API})
 * @param factoryRoot {@code FACTORY_ROOT}
 * @param projectRoot {@code PROJECT_REPO_ROOT}
 * @param opsRoot {@code OPS_REPO_ROOT}
 * @param primaryBranch {@code PRIMARY_BRANCH}
 */
public record FooterParams(String forgeApi, String factoryRoot, String projectRoot,
    String opsRoot, String primaryBranch) {
  /**
   * Replaces absent values with empty ones, as an unset shell variable expands.
   *
   * @param forgeApi the API base
   * @param factoryRoot the factory root
   * @param projectRoot the project root
   * @param opsRoot the ops root
   * @param primaryBranch the primary branch
   */
  public FooterParams {
    forgeApi = Objects.requireNonNullElse(forgeApi, "");
    factoryRoot = Objects.requireNonNullElse(factoryRoot, "");
    projectRoot = Objects.requireNonNullElse(projectRoot, "");
    opsRoot = Objects.requireNonNullElse(opsRoot, "");
    primaryBranch = Objects.requireNonNullElse(primaryBranch, "");
  }

  /**
   * The parameters from paths.
   *
   * @param forgeApi the API base
   * @param factoryRoot the factory root
   * @param projectRoot the project root
   * @param opsRoot the ops root
   * @param primaryBranch the primary branch
   * @return the parameters
   */
  public static FooterParams of(String forgeApi, Path factoryRoot, Path projectRoot,
      Path opsRoot, String primaryBranch) {
    return new FooterParams(forgeApi, String.valueOf(factoryRoot), String.valueOf(projectRoot),
        String.valueOf(opsRoot), primaryBranch);
  }
}
