package dev.plinth.examples.host;

import dev.plinth.examples.host.spi.AuditTrail;
import dev.plinth.examples.host.spi.ToolProvider;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.runtime.HostInfo;
import dev.plinth.runtime.PluginSystem;
import dev.plinth.runtime.slo.SloObjective;
import dev.plinth.runtime.slo.SloSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a host embeds Plinth, in one place: declare what plugins may use (the nine agent hook
 * points, one extension interface, one host service, the packages they compile against), point
 * the installer at a release source, and boot. Everything after {@link #start} is plain use of
 * {@link PluginSystem}. Not thread-safe to start; the running host is as thread-safe as
 * {@code PluginSystem}.
 *
 * <pre>{@code
 * try (DemoHost host = DemoHost.start(home, TrustPolicy.load(trustToml), apiBase, Map.of())) {
 *   host.plugins().install(InstallRequest.of("github:acme/redactor@v1.0.0").withEnable(true));
 *   host.agent().run("Show me the deploy config", observer);
 * }
 * }</pre>
 */
public final class DemoHost implements AutoCloseable {
  /** Who this host is; plugins state which host versions they support against it. */
  public static final HostInfo HOST = HostInfo.of("plinth-demo-host", "2.4.0");
  /** Packages plugins compile against and the host shares with them (never bundled by plugins). */
  public static final List<String> EXPORTED_PACKAGES = List.of("dev.plinth.hooks.agent", "dev.plinth.examples.host.spi");

  /**
   * The host's SLOs: the defaults (success at least 99 %, p95 at most half of each hook's timeout),
   * except that the redactor sits on the answer path and is held to p95 at most 5 µs, which an
   * isolated call cannot meet (handing the call to another thread alone costs more): the demo shows
   * it burning its latency budget.
   */
  public static final SloSettings SLO = SloSettings.defaults()
      .withObjective("redactor", SloObjective.DEFAULT.withP95Latency(Duration.ofNanos(5_000)));

  private final PluginSystem plugins;
  private final MemoryAuditTrail audit;
  private final MetricsEndpoint metrics;

  private DemoHost(PluginSystem plugins, MemoryAuditTrail audit, MetricsEndpoint metrics) {
    this.plugins = plugins;
    this.audit = audit;
    this.metrics = metrics;
  }

  /**
   * Builds the plugin system in {@code home}, recovering any interrupted install, and boots every
   * enabled plugin.
   *
   * @param home the plugin home (store, data, state, events)
   * @param trust the signature policy installs must meet
   * @param githubApiBase the GitHub API to resolve {@code github:} sources against
   * @param settings each plugin's settings, by plugin id
   */
  public static DemoHost start(Path home, TrustPolicy trust, String githubApiBase,
      Map<String, Map<String, Object>> settings) {
    MemoryAuditTrail audit = new MemoryAuditTrail();
    PluginSystem plugins = PluginSystem.builder()
        .home(home)
        .host(HOST)
        .hookPoints(AgentHooks.ALL)
        .exportPackages(EXPORTED_PACKAGES.toArray(String[]::new))
        .extensionInterfaces(ToolProvider.class)
        .hostService(AuditTrail.class, audit)
        .configs(id -> settings.getOrDefault(id, Map.of()))
        .trustPolicy(trust)
        // http:// is accepted for loopback addresses only, which is where the demo's server runs.
        .sources(sources -> sources.githubApiBase(githubApiBase))
        .slo(SLO)
        .build();
    MetricsEndpoint metrics = MetricsEndpoint.start(plugins);
    plugins.boot();
    return new DemoHost(plugins, audit, metrics);
  }

  /** The Prometheus endpoint with the plugin system's meters (loopback). */
  public MetricsEndpoint metrics() {
    return metrics;
  }

  /** The plugin system: install, upgrade, rollback, doctor, events. */
  public PluginSystem plugins() {
    return plugins;
  }

  /** An agent that runs through this host's hook points and tools. */
  public AgentRunner agent() {
    return new AgentRunner(plugins.hooks(), tools());
  }

  /** The host's tools and those of the plugins started right now. */
  public HostTools tools() {
    return HostTools.of(plugins.extensions(ToolProvider.class));
  }

  /** What plugins recorded in the host's audit trail, oldest first. */
  public List<String> auditTrail() {
    return audit.entries();
  }

  @Override
  public void close() {
    try {
      plugins.close();
    } finally {
      metrics.close();
    }
  }
}
