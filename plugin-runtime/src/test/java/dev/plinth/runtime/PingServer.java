package dev.plinth.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A loopback HTTP server answering {@code GET /ping} with {@code ok}, for plugins that call out. */
public final class PingServer implements AutoCloseable {
  private final HttpServer server;

  private PingServer(HttpServer server) {
    this.server = server;
  }

  public static PingServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ping", ex -> {
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    return new PingServer(server);
  }

  /** The URL of {@code /ping}; its host is {@code 127.0.0.1}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ping";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
