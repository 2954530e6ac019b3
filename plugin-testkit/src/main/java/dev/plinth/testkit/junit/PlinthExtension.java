package dev.plinth.testkit.junit;

import dev.plinth.installer.extract.FileTrees;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.plinth.runtime.PluginSystem;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.jspecify.annotations.Nullable;

/**
 * The extension behind {@link PlinthTest}; use the annotation rather than this class. Builds a
 * {@link PlinthTestHost} before each test, resolves {@link PluginSystem} and
 * {@link PlinthTestHost} parameters to it, and closes, checks and deletes it after the test.
 */
@API(status = INTERNAL, since = "0.1")
public final class PlinthExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlinthExtension.class);
  private static final Duration THREAD_WAIT = Duration.ofSeconds(2);

  /** Made by JUnit. */
  public PlinthExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    PlinthTest config = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), PlinthTest.class)
        .orElseThrow(() -> new TestkitException(TestkitErrorCode.TEST_HOST_SETUP_FAILED,
            "test class must be annotated @PlinthTest: " + context.getRequiredTestClass().getName(),
            "Annotate the class with @PlinthTest instead of @ExtendWith(PlinthExtension.class)."));
    LeakCheck leaks = LeakCheck.start();
    Path root = Files.createTempDirectory("plinth-test-");
    PlinthTestHost host;
    try {
      host = PlinthTestHost.builder(root)
          .host(config.hostName(), config.hostVersion())
          .hookPoints(PlinthTestHostBuilder.hookPointsOf(config.hookPoints()))
          .exportPackages(config.exportPackages())
          .safeMode(config.safeMode())
          .trust(config.trust())
          .build();
    } catch (RuntimeException e) {
      FileTrees.deleteRecursively(root);
      throw e;
    }
    context.getStore(NAMESPACE).put(Running.class, new Running(root, host, leaks));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
    if (running == null) {
      return;
    }
    try {
      running.host().close();
      running.leaks().verify(THREAD_WAIT);
    } finally {
      FileTrees.deleteRecursively(running.root());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PluginSystem.class || type == PlinthTestHost.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    @Nullable Running running = context.getStore(NAMESPACE).get(Running.class, Running.class);
    if (running == null) {
      throw new ParameterResolutionException("@PlinthTest injects " + parameter.getParameter().getType().getSimpleName()
          + " only into test methods and @BeforeEach/@AfterEach methods, not: " + parameter.getDeclaringExecutable());
    }
    return parameter.getParameter().getType() == PluginSystem.class ? running.host().system() : running.host();
  }

  private record Running(Path root, PlinthTestHost host, LeakCheck leaks) {}
}
