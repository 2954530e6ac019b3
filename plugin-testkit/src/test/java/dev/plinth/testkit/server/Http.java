package dev.plinth.testkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/** A plain JDK HTTP/1.1 client for the server tests. */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
    return get(url, Duration.ofSeconds(20));
  }

  static HttpResponse<byte[]> get(String url, Duration timeout)
      throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(String url) throws IOException, InterruptedException {
    return new String(get(url).body(), StandardCharsets.UTF_8);
  }

  static JsonNode json(String url) throws IOException, InterruptedException {
    return JSON.readTree(get(url).body());
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
