package ai.disinto.core.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure {@code docker/agents/} exists and says which of the files the repository ships there
 * are missing. Mirrors {@code generate_agent_docker} in lib/generators.sh, which creates nothing
 * else.
 */
public final class AgentDockerCheck {
  private AgentDockerCheck() {}

  /**
   * Creates {@code <factoryRoot>/docker/agents} and checks for its Dockerfile and entrypoint.
   *
   * @param factoryRoot the factory root
   * @return one warning per missing file ({@code docker/agents/Dockerfile not found — expected in
   *     repo}); empty when both are there
   * @throws GenerationException when the directory cannot be created
   */
  public static List<String> warnings(Path factoryRoot) {
    Path dir = factoryRoot.resolve("docker").resolve("agents");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GenerationException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    List<String> warnings = new ArrayList<>();
    for (String name : List.of("Dockerfile", "entrypoint.sh")) {
      if (!Files.isRegularFile(dir.resolve(name))) {
        warnings.add("docker/agents/" + name + " not found — expected in repo");
      }
    }
    return List.copyOf(warnings);
  }
}
