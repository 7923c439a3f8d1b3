package ai.disinto.testkit.forgejo;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a fresh, running {@link MockForgejo} into every test method (or
 * constructor) parameter of that type, and closes it after the test.
 *
 * <pre>{@code
 * @ExtendWith(MockForgejoExtension.class)
 * class ClaimTest {
 *   @Test void claims(MockForgejo forge) { ... }
 * }
 * }</pre>
 */
public final class MockForgejoExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MockForgejoExtension.class);

  /** Creates the extension (JUnit does this). */
  public MockForgejoExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MockForgejo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // JUnit closes AutoCloseable values of the store when the test's context ends.
    return context.getStore(NS).getOrComputeIfAbsent("mock", k -> MockForgejo.start(),
        MockForgejo.class);
  }
}
