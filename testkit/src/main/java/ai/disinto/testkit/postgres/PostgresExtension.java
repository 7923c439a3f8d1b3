package ai.disinto.testkit.postgres;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a running {@link PostgresServer} into test method (or
 * constructor) parameters of that type. One server serves the whole test run (starting one takes
 * seconds); JUnit stops it when the run ends. Tests keep apart with {@link
 * PostgresServer#createDatabase(String)}.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class DbTest {
 *   @Test void counts(PostgresServer pg) { String db = pg.createDatabase("t"); ... }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  /** Creates the extension (JUnit does this). */
  public PostgresExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The root store's AutoCloseable values are closed when the whole run ends.
    return context.getRoot().getStore(NS).getOrComputeIfAbsent("server",
        k -> PostgresServer.start(), PostgresServer.class);
  }
}
