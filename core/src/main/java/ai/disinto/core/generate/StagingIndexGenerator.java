package ai.disinto.core.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the staging placeholder page, {@code index.html} in the directory staging serves.
 *
 * <p>Mirrors {@code generate_staging_index} in lib/generators.sh; the directory is created when
 * missing, and may be the dedicated {@code docker/site/} (see {@link StagingSite}).
 */
public final class StagingIndexGenerator {
  private static final String INDEX = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
          <meta charset="UTF-8">
          <meta name="viewport" content="width=device-width, initial-scale=1.0">
          <title>{{title}}</title>
          <style>
              body {
                  font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Oxygen, Ubuntu, sans-serif;
                  display: flex;
                  align-items: center;
                  justify-content: center;
                  min-height: 100vh;
                  margin: 0;
                  background: linear-gradient(135deg, #667eea 0%, #764ba2 100%);
                  color: white;
              }
              .container {
                  text-align: center;
                  padding: 2rem;
              }
              h1 {
                  font-size: 3rem;
                  margin: 0 0 1rem 0;
              }
              p {
                  font-size: 1.25rem;
                  opacity: 0.9;
              }
          </style>
      </head>
      <body>
          <div class="container">
              <h1>{{title}}</h1>
              <p>CI pipelines will update this page with your staging artifacts.</p>
          </div>
      </body>
      </html>
      """;

  private StagingIndexGenerator() {}

  /**
   * Writes {@code <factoryRoot>/docker/index.html} unless it exists.
   *
   * @param factoryRoot the factory root
   * @return created, or skipped with the file untouched
   * @throws GenerationException when the file cannot be written
   */
  public static Generated generate(Path factoryRoot) {
    return generate(factoryRoot, StagingSite.DOCKER_DIR);
  }

  /**
   * Writes {@code index.html} into the directory {@code site} names, unless it exists.
   *
   * @param factoryRoot the factory root
   * @param site which directory staging serves
   * @return created, or skipped with the file untouched
   * @throws GenerationException when the file cannot be written
   */
  public static Generated generate(Path factoryRoot, StagingSite site) {
    Path file = factoryRoot.resolve(site.directory()).resolve("index.html");
    if (Files.exists(file)) {
      return new Generated(GenerationResult.SKIPPED_EXISTS, file, List.of());
    }
    Writes.atomically(file, render());
    return new Generated(GenerationResult.CREATED, file, List.of());
  }

  /**
   * The page's HTML.
   *
   * @return the page
   */
  public static String render() {
    return Template.of(INDEX).with("title", "Nothing shipped yet").render();
  }
}
