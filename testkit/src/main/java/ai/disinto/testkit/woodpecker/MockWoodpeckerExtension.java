package ai.disinto.testkit.woodpecker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a fresh, running {@link MockWoodpecker} into every test method (or
 * constructor) parameter of that type, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(MockWoodpeckerExtension.class)
 * class LogsTest {
 *   @Test void decodes(MockWoodpecker ci) { ... }
 * }
 * }</pre>
 */
public final class MockWoodpeckerExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MockWoodpeckerExtension.class);

  /** Creates the extension (JUnit does this). */
  public MockWoodpeckerExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MockWoodpecker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // JUnit closes AutoCloseable values of the store when the test's context ends.
    return context.getStore(NS).getOrComputeIfAbsent("mock", k -> MockWoodpecker.start(),
        MockWoodpecker.class);
  }
}
