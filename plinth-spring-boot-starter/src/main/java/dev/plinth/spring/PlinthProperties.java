package dev.plinth.spring;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.installer.trust.TrustMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code plinth.*} properties.
 *
 * <pre>
 * plinth.home=/var/lib/myapp/plugins
 * plinth.host.name=myapp
 * plinth.host.version=2.4.0
 * plinth.hook-points=com.example.MyHooks
 * plinth.extension-interfaces=com.example.spi.ToolProvider
 * plinth.extension-beans=com.example.spi.ToolProvider
 * </pre>
 *
 * @param enabled false leaves Plinth out of the context entirely
 * @param home the plugin home (required)
 * @param host the host's name and version (the version is required: plugins' engine ranges are checked against it)
 * @param hookPoints classes whose {@code public static final HookPoint} fields are the points the
 *     host offers; their packages are exported to plugins (so plugins see the hook data types)
 * @param exportPackages further host packages plugins may see
 * @param extensionInterfaces interfaces plugins may provide implementations of
 * @param extensionBeans extension interfaces to expose as {@link PluginExtensions} beans
 * @param trust the trust policy's default mode when no {@code trustPolicy} file is given
 * @param trustPolicy a {@code trust.toml} file (wins over {@code trust})
 * @param safeMode boot no third-party plugin
 * @param boot load enabled plugins when the context starts
 * @param healthDoctorInterval how long the health indicator reuses a {@code doctor} report (which
 *     re-hashes every installed file and holds the store lock); load states are always current
 */
@API(status = EXPERIMENTAL, since = "0.1")
@ConfigurationProperties("plinth")
public record PlinthProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable Path home,
    @DefaultValue Host host,
    @DefaultValue List<String> hookPoints,
    @DefaultValue List<String> exportPackages,
    @DefaultValue List<String> extensionInterfaces,
    @DefaultValue List<String> extensionBeans,
    @DefaultValue("warn") TrustMode trust,
    @Nullable Path trustPolicy,
    @DefaultValue("false") boolean safeMode,
    @DefaultValue("true") boolean boot,
    @DefaultValue("60s") Duration healthDoctorInterval) {

  public PlinthProperties {
    hookPoints = List.copyOf(hookPoints);
    exportPackages = List.copyOf(exportPackages);
    extensionInterfaces = List.copyOf(extensionInterfaces);
    extensionBeans = List.copyOf(extensionBeans);
    if (healthDoctorInterval.isNegative()) {
      throw new IllegalArgumentException("plinth.health-doctor-interval must be >= 0: " + healthDoctorInterval);
    }
  }

  /**
   * @param name the host's name
   * @param version the host's version (required)
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Host(@DefaultValue("spring-boot-host") String name, @Nullable String version) {}
}
