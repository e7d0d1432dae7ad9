package io.alliancewatch.e2e.system;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link RunningSystem} parameter: started on first use, shared by every test class
 * of the run (it lives in the root context's store), and closed when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(RunningSystemExtension.class)
 * class SomethingIT {
 *   @Test
 *   void should...(RunningSystem system) { ... }
 * }
 * }</pre>
 */
public final class RunningSystemExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RunningSystemExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RunningSystem.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(RunningSystem.class, type -> RunningSystem.start(), RunningSystem.class);
  }
}
