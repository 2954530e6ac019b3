package dev.plinth.testkit.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The content the server serves, by path, and the WireMock stubs that serve it. Content stubs sit
 * at {@link #CONTENT_PRIORITY}; faults override them at a higher priority; unknown paths fall
 * through to 404 stubs. Guarded by the {@link ReleaseServer}'s lock.
 */
final class Routes {
  static final int FAULT_PRIORITY = 1;
  static final int CONTENT_PRIORITY = 5;
  private static final int NOT_FOUND_PRIORITY = 10;

  /** One served response. */
  record Content(byte[] body, String contentType) {}

  private final WireMockServer wireMock;
  private final Map<String, Content> content = new LinkedHashMap<>();
  private final Map<String, StubMapping> stubs = new LinkedHashMap<>();

  Routes(WireMockServer wireMock) {
    this.wireMock = wireMock;
    wireMock.stubFor(any(urlPathMatching("/api/.*")).atPriority(NOT_FOUND_PRIORITY)
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"message\":\"Not Found\"}")));
    wireMock.stubFor(any(urlPathMatching("/.*")).atPriority(NOT_FOUND_PRIORITY + 1)
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "text/plain")
            .withBody("Not Found")));
  }

  /** Serves {@code body} at {@code path} (replacing what was there). */
  void serve(String path, byte[] body, String contentType) {
    serve(path, body, contentType, get(urlPathEqualTo(path)));
  }

  /** Serves {@code body} for a custom request pattern, remembered under {@code path}. */
  void serve(String path, byte[] body, String contentType, MappingBuilder request) {
    remove(path);
    Content c = new Content(body.clone(), contentType);
    content.put(path, c);
    stubs.put(path, wireMock.stubFor(request.atPriority(CONTENT_PRIORITY)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType)
            .withBody(c.body()))));
  }

  /** Stops serving {@code path}; it answers 404 again. */
  void remove(String path) {
    StubMapping old = stubs.remove(path);
    content.remove(path);
    if (old != null) {
      wireMock.removeStub(old);
    }
  }

  /** Served paths matching a regular expression (whole path), with their content. */
  Map<String, Content> matching(String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    Map<String, Content> out = new LinkedHashMap<>();
    content.forEach((path, c) -> {
      if (p.matcher(path).matches()) {
        out.put(path, c);
      }
    });
    return out;
  }
}
