package dev.plinth.testkit.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.installer.trust.TrustMode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the annotated class a real {@code PluginSystem} in a fresh temporary home.
 * Test and lifecycle methods may declare parameters of type {@code PluginSystem} and
 * {@link PlinthTestHost}; both refer to the same system for one test.
 *
 * <p>Order, per test: before the first {@code @BeforeEach} method runs, a temp folder is made
 * and the system built in {@code <temp>/home} (not booted: nothing is installed yet). After the
 * last {@code @AfterEach} method, the system is closed, then the release server if one was
 * started, then the extension checks that no store files appeared in the working folder or the
 * user's home and that no thread still runs with a plugin's context class loader; a leak fails
 * the test with {@code TEST_HOST_LEAKED}. The temp folder is then deleted.
 *
 * <pre>{@code
 * @PlinthTest(hostName = "acme-host", hostVersion = "2.3.0", exportPackages = "com.acme.spi")
 * class MyPluginTest {
 *   @Test
 *   void installs(PlinthTestHost host) {
 *     assertThat(host.install(bundle)).isInstalled();
 *   }
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PlinthExtension.class)
public @interface PlinthTest {
  /** The host's name in its {@code HostInfo}. */
  String hostName() default "plinth-test-host";

  /** The host's version in its {@code HostInfo}; plugins' {@code engine.host} ranges are checked against it. */
  String hostVersion() default "1.0.0";

  /**
   * Classes whose {@code public static final HookPoint} fields are the hook points the host
   * offers. Their packages are also exported to plugins (so plugins see the hook data types),
   * unless they are already shared by Plinth.
   */
  Class<?>[] hookPoints() default AgentHooks.class;

  /** Further host packages plugins may see (e.g. the host's SPI package). */
  String[] exportPackages() default {};

  /** Boot no third-party plugin, as with {@code PLINTH_SAFE_MODE=1}. */
  boolean safeMode() default false;

  /** The trust policy's default mode; {@code WARN}, the production default, installs unsigned bundles with a warning. */
  TrustMode trust() default TrustMode.WARN;
}
