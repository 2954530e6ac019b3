package dev.plinth.examples.host;

import com.sun.net.httpserver.HttpServer;
import dev.plinth.metrics.PlinthMetrics;
import dev.plinth.runtime.PluginSystem;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The host's Prometheus endpoint: the plugin system's meters in a {@link PrometheusMeterRegistry},
 * served at {@code http://127.0.0.1:<port>/metrics} (loopback only, an ephemeral port) by the JDK's
 * own HTTP server. The Grafana dashboard and alert rules under {@code examples/observability} read
 * what this endpoint serves.
 */
public final class MetricsEndpoint implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final PlinthMetrics metrics;
  private final HttpServer server;

  private MetricsEndpoint(PrometheusMeterRegistry registry, PlinthMetrics metrics, HttpServer server) {
    this.registry = registry;
    this.metrics = metrics;
    this.server = server;
  }

  /** Binds {@code system}'s meters to a new Prometheus registry and starts serving them. */
  public static MetricsEndpoint start(PluginSystem system) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PlinthMetrics metrics = PlinthMetrics.bind(system, registry);
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/metrics", exchange -> {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return new MetricsEndpoint(registry, metrics, server);
    } catch (IOException e) {
      metrics.close();
      throw new UncheckedIOException("cannot start the metrics endpoint on loopback", e);
    }
  }

  /** Where Prometheus scrapes. */
  public URI scrapeUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    server.stop(0);
    metrics.close();
  }
}
