package ai.disinto.core.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates {@code docker/Caddyfile}, the edge proxy's configuration: one site on port 80 routing
 * {@code /forgejo/*} to Forgejo, {@code /ci/*} to Woodpecker and everything else to staging.
 *
 * <p>Mirrors {@code generate_caddyfile} in lib/generators.sh, with the prefix stripped before
 * proxying to Forgejo and Woodpecker (upstream #1079, #1103: both answer 404 to the prefixed path)
 * and the {@code docker/} directory created when missing.
 */
public final class CaddyfileGenerator {
  private static final String CADDYFILE = """
      # Caddyfile — edge proxy configuration
      # IP-only binding at bootstrap; domain + TLS added later via vault resource request

      :80 {
          # Forgejo, under /forgejo/
          handle /forgejo/* {
              uri strip_prefix /forgejo
              reverse_proxy forgejo:3000
          }

          # Woodpecker CI, under /ci/
          handle /ci/* {
              uri strip_prefix /ci
              reverse_proxy woodpecker:8000
          }

          # Everything else: the staging container
          handle {
              reverse_proxy staging:80
          }
      }
      """;

  private CaddyfileGenerator() {}

  /**
   * Writes {@code <factoryRoot>/docker/Caddyfile} unless it exists.
   *
   * @param factoryRoot the factory root
   * @return created, or skipped with the file untouched
   * @throws GenerationException when the file cannot be written
   */
  public static Generated generate(Path factoryRoot) {
    Path file = factoryRoot.resolve("docker").resolve("Caddyfile");
    if (Files.exists(file)) {
      return new Generated(GenerationResult.SKIPPED_EXISTS, file, List.of());
    }
    Writes.atomically(file, render());
    return new Generated(GenerationResult.CREATED, file, List.of());
  }

  /**
   * The Caddyfile's text.
   *
   * @return the configuration
   */
  public static String render() {
    return Template.of(CADDYFILE).render();
  }
}
