package dev.plinth.spring;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.runtime.PluginSystem;
import org.apiguardian.api.API;

/**
 * A bean that adds to the {@link PluginSystem.Builder} what properties cannot say: host services,
 * secrets, per-plugin configs, an event sink. Called in {@code @Order} order before {@code build()};
 * a builder setting may be given once, so a customizer sets only what the properties leave unset.
 *
 * <pre>{@code
 * @Bean PluginSystemCustomizer auditTrail(AuditTrail audit) {
 *   return builder -> builder.hostService(AuditTrail.class, audit);
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface PluginSystemCustomizer {
  void customize(PluginSystem.Builder builder);
}
