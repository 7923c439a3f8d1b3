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
    return context.getStore(NS).getOrComputeIfAbsent("mock", k -> new Closing(MockForgejo.start()),
        Closing.class).mock;
  }

  /** Closes the mock when JUnit closes the store of the test. */
  private record Closing(MockForgejo mock) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      mock.close();
    }
  }
}
