package dev.plinth.examples.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plinth.api.PlinthException;
import dev.plinth.installer.catalog.PluginCatalog;
import dev.plinth.runtime.PluginSystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin's HTTP server on a loopback address. Routes:
 *
 * <ul>
 *   <li>{@code GET /} the page; {@code GET /app.js}, {@code /app.css} its script and style
 *   <li>{@code GET /api/catalog?q=} the catalog listing ({@code CatalogResult})
 *   <li>{@code GET /api/plugins} what is installed ({@code PluginStatus} list)
 *   <li>{@code POST /api/install} {@code {"source": "..."}}: starts an install, answers {@code {"job": id}}
 *   <li>{@code GET /api/jobs/<id>/events} the install's phases and outcome as server-sent events
 *   <li>{@code POST /api/rollback} {@code {"id": "..."}}: rolls back to the previous version
 *   <li>{@code GET /api/doctor} the doctor's report (JSON, with its text under {@code text})
 * </ul>
 *
 * There is no authentication: it binds to loopback only and is an example, not a product.
 */
public final class AdminServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final PluginSystem system;
  private final PluginCatalog catalog;
  private final InstallJobs jobs;
  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(PluginSystem system, PluginCatalog catalog, int port) throws IOException {
    this.system = system;
    this.catalog = catalog;
    this.jobs = new InstallJobs(system, JSON);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    // event streams stay open while an install runs: one thread per exchange
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "admin-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts serving on {@code 127.0.0.1:port} (0 picks a free port). */
  public static AdminServer start(PluginSystem system, PluginCatalog catalog, int port) {
    try {
      AdminServer s = new AdminServer(requireNonNull(system, "system"), requireNonNull(catalog, "catalog"), port);
      s.server.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("admin server could not bind 127.0.0.1:" + port, e);
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      switch (method + " " + path) {
        case "GET /", "GET /index.html" -> resource(ex, "index.html", "text/html; charset=utf-8");
        case "GET /app.js" -> resource(ex, "app.js", "text/javascript; charset=utf-8");
        case "GET /app.css" -> resource(ex, "app.css", "text/css; charset=utf-8");
        case "GET /api/catalog" -> json(ex, 200, catalog.search(query(ex.getRequestURI(), "q")));
        case "GET /api/plugins" -> json(ex, 200, system.list());
        case "GET /api/doctor" -> doctor(ex);
        case "POST /api/install" -> json(ex, 202, Map.of("job", jobs.start(field(ex, "source"))));
        case "POST /api/rollback" -> json(ex, 200, jobs.outcomeJson(system.rollback(field(ex, "id"))));
        default -> {
          if (method.equals("GET") && path.startsWith("/api/jobs/") && path.endsWith("/events")) {
            events(ex, path.substring("/api/jobs/".length(), path.length() - "/events".length()));
          } else {
            json(ex, 404, error("NOT_FOUND", "no route for " + method + " " + path, "See AdminServer's routes."));
          }
        }
      }
    } catch (PlinthException e) {
      json(ex, 422, error(e.code().code(), e.getMessage(), e.nextStep()));
    } catch (IllegalArgumentException e) {
      json(ex, 400, error("BAD_REQUEST", String.valueOf(e.getMessage()), "Send the documented JSON body."));
    } finally {
      ex.close();
    }
  }

  private void doctor(HttpExchange ex) throws IOException {
    var report = system.doctor();
    JsonNode doc = JSON.readTree(report.toJson());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("healthy", report.healthy());
    out.put("text", report.toText());
    out.put("report", doc);
    json(ex, 200, out);
  }

  private void events(HttpExchange ex, String jobId) throws IOException {
    var job = jobs.job(jobId);
    if (job.isEmpty()) {
      json(ex, 404, error("JOB_NOT_FOUND", "job must exist: " + jobId, "Start an install first."));
      return;
    }
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-cache");
    ex.sendResponseHeaders(200, 0);
    try (OutputStream out = ex.getResponseBody()) {
      job.get().stream(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the page went away; the install carries on
    }
  }

  private static void resource(HttpExchange ex, String name, String type) throws IOException {
    try (InputStream in = AdminServer.class.getResourceAsStream("/admin/" + name)) {
      if (in == null) {
        throw new IllegalStateException("resource /admin/" + name + " missing from the jar");
      }
      send(ex, 200, type, in.readAllBytes());
    }
  }

  private static void json(HttpExchange ex, int status, Object body) throws IOException {
    send(ex, status, "application/json", JSON.writeValueAsBytes(body));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> error(String code, String message, String nextStep) {
    return Map.of("code", code, "message", message, "nextStep", nextStep);
  }

  /** A string field of the JSON request body. */
  private static String field(HttpExchange ex, String name) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody().readNBytes(64 * 1024));
    String value = body == null ? "" : body.path(name).asText("");
    if (value.isBlank()) {
      throw new IllegalArgumentException("request body must carry \"" + name + "\": " + body);
    }
    return value;
  }

  private static String query(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw == null) {
      return "";
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop(0);
    jobs.close();
    executor.shutdownNow();
  }
}
