package dev.plinth.spring;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.api.PlinthException;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Builds and boots the {@link PluginSystem} from {@link PlinthProperties}, after every
 * {@link PluginSystemCustomizer}; the context closes it on shutdown (stopping and unloading every
 * plugin). A host that defines its own {@code PluginSystem} bean keeps it, and still gets the
 * extension beans, health indicator and endpoint.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@AutoConfiguration
@ConditionalOnClass(PluginSystem.class)
@ConditionalOnProperty(prefix = "plinth", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PlinthProperties.class)
@Import({PluginExtensionBeans.class, PlinthActuatorConfiguration.class})
public class PlinthAutoConfiguration {
  /** Public for Spring. */
  public PlinthAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PluginSystem plinthPluginSystem(PlinthProperties properties, ObjectProvider<PluginSystemCustomizer> customizers) {
    PluginSystem.Builder builder = builder(properties, getClass().getClassLoader());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    PluginSystem system = builder.build();
    if (properties.boot()) {
      try {
        system.boot();
      } catch (RuntimeException e) {
        system.close();
        throw e;
      }
    }
    return system;
  }

  /** The builder the properties describe, customizers not yet applied. */
  static PluginSystem.Builder builder(PlinthProperties p, ClassLoader loader) {
    if (p.home() == null) {
      throw missing("plinth.home", "Set plinth.home to the folder that holds the plugin store (created when missing).");
    }
    String version = p.host().version();
    if (version == null || version.isBlank()) {
      throw missing("plinth.host.version",
          "Set plinth.host.version to this application's version: plugins state which host versions they support.");
    }
    PluginSystem.Builder b = PluginSystem.builder()
        .home(p.home())
        .host(HostInfo.of(p.host().name(), version))
        .safeMode(p.safeMode())
        .trustPolicy(p.trustPolicy() != null ? TrustPolicy.load(p.trustPolicy()) : TrustPolicy.of(p.trust()));
    List<HookPoint<?>> points = new ArrayList<>();
    Set<String> exports = new LinkedHashSet<>();
    for (String holder : p.hookPoints()) {
      for (HookPoint<?> point : HostClasses.hookPoints("plinth.hook-points", holder, loader)) {
        points.add(point);
        String pkg = point.type().getPackageName();
        if (!pkg.startsWith("java.") && !pkg.startsWith("dev.plinth.api")) {
          exports.add(pkg);
        }
      }
    }
    if (!points.isEmpty()) {
      b.hookPoints(points);
    }
    exports.addAll(p.exportPackages());
    if (!exports.isEmpty()) {
      b.exportPackages(exports.toArray(String[]::new));
    }
    if (!p.extensionInterfaces().isEmpty()) {
      b.extensionInterfaces(p.extensionInterfaces().stream()
          .map(n -> HostClasses.loadInterface("plinth.extension-interfaces", n, loader)).toArray(Class<?>[]::new));
    }
    return b;
  }

  private static PlinthException missing(String property, String nextStep) {
    return new PlinthException(SpringErrorCode.PROPERTY_MISSING, property + " must be set: (missing)", nextStep,
        Map.of("property", property), null);
  }
}
