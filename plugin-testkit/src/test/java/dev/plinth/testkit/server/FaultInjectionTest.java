package dev.plinth.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private static final byte[] BODY = new byte[64 * 1024];
  private static ReleaseServer server;
  private String url;

  @BeforeAll
  static void start() {
    new Random(42).nextBytes(BODY);
    server = ReleaseServer.start();
    server.publishFile("/dl/a.tar.gz", BODY, "application/gzip");
    server.publishFile("/dl/b.tar.gz", BODY, "application/gzip");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.resetFaults();
    server.resetRequests();
    url = server.baseUrl() + "/dl/a.tar.gz";
  }

  private static List<Integer> statuses(String url, int n) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Http.get(url).statusCode());
    }
    return out;
  }

  @Test
  void serverError_twoTimes_thenRealBody() throws Exception {
    server.inject("/dl/a\\.tar\\.gz", Fault.serverError(503).times(2));

    assertThat(statuses(url, 2)).containsExactly(503, 503);
    HttpResponse<byte[]> third = Http.get(url);

    assertThat(third.statusCode()).isEqualTo(200);
    assertThat(third.body()).isEqualTo(BODY);
    assertThat(server.requestCount("/dl/a\\.tar\\.gz")).isEqualTo(3);
    assertThat(server.requestCount("/dl/b\\.tar\\.gz")).isZero();
  }

  @Test
  void sequence_500Then429Then200_appliedInTurn() throws Exception {
    server.inject("/dl/.*", Fault.serverError(500).times(1),
        Fault.rateLimited(429, Instant.now().plusSeconds(30)).times(1));

    assertThat(statuses(url, 4)).containsExactly(500, 429, 200, 200);
  }

  @Test
  void rateLimited_403_githubHeaders() throws Exception {
    Instant reset = Instant.now().plusSeconds(120);
    server.inject("/api/.*", Fault.rateLimited(403, reset));

    HttpResponse<byte[]> r = Http.get(server.apiBaseUrl() + "/repos/a/b/releases/latest");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(r.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(reset.getEpochSecond()));
    assertThat(r.headers().firstValueAsLong("Retry-After").orElseThrow()).isBetween(100L, 120L);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("API rate limit exceeded");
  }

  @Test
  void truncatedBody_clientFailsToRead() {
    server.inject("/dl/a\\.tar\\.gz", Fault.truncatedBody());

    assertThatThrownBy(() -> Http.get(url)).isInstanceOf(IOException.class);
  }

  @Test
  void shortBody_declaredLengthLargerThanBody_clientFails() {
    server.inject("/dl/a\\.tar\\.gz", Fault.shortBody());

    assertThatThrownBy(() -> Http.get(url)).isInstanceOf(IOException.class)
        .hasMessage("fixed content-length: " + (BODY.length + 4096) + ", bytes received: " + BODY.length);
  }

  @Test
  void connectionReset_clientFails() {
    server.inject("/dl/a\\.tar\\.gz", Fault.connectionReset());

    assertThatThrownBy(() -> Http.get(url)).isInstanceOf(IOException.class);
  }

  @Test
  void corruptBody_sameLengthDifferentDigest() throws Exception {
    server.inject("/dl/a\\.tar\\.gz", Fault.corruptBody().times(1));

    byte[] corrupt = Http.get(url).body();

    assertThat(corrupt).hasSameSizeAs(BODY);
    assertThat(Http.sha256(corrupt)).isNotEqualTo(Http.sha256(BODY));
    assertThat(Http.get(url).body()).isEqualTo(BODY);
  }

  @Test
  void fixedDelay_clientTimesOut_untilFaultRemoved() throws Exception {
    FaultHandle handle = server.inject("/dl/a\\.tar\\.gz", Fault.fixedDelay(Duration.ofSeconds(3)));

    assertThatThrownBy(() -> Http.get(url, Duration.ofMillis(200)))
        .isInstanceOf(HttpTimeoutException.class);
    handle.remove();

    assertThat(Http.get(url, Duration.ofSeconds(5)).body()).isEqualTo(BODY);
  }

  @Test
  void slowBody_dribbled_stillCompleteAndEqual() throws Exception {
    server.inject("/dl/b\\.tar\\.gz", Fault.slowBody(4, Duration.ofMillis(200)));

    assertThat(Http.get(server.baseUrl() + "/dl/b.tar.gz").body()).isEqualTo(BODY);
  }

  @Test
  void bodyFault_onPathNothingServes_rejected() {
    assertThatThrownBy(() -> server.inject("/nothing/.*", Fault.truncatedBody()))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage()).isEqualTo("path regex matches nothing served: /nothing/.*");
        });
  }

  @Test
  void unboundedFaultBeforeLast_rejected() {
    assertThatThrownBy(() -> server.inject("/dl/.*", Fault.serverError(500), Fault.notFound()))
        .isInstanceOfSatisfying(TestkitException.class, e -> assertThat(e.getMessage())
            .startsWith("fault unbounded before the last: "));
  }

  @Test
  void resetFaults_everyPathAnswersNormally() throws Exception {
    server.inject("/dl/.*", Fault.notFound());
    assertThat(Http.get(url).statusCode()).isEqualTo(404);

    server.resetFaults();

    assertThat(Http.get(url).statusCode()).isEqualTo(200);
  }

  @Test
  void serverError_non5xx_rejected() {
    assertThatThrownBy(() -> Fault.serverError(404))
        .isInstanceOfSatisfying(TestkitException.class, e -> assertThat(e.getMessage())
            .isEqualTo("status must be 5xx: 404"));
  }

  @Test
  void requestedPaths_oldestFirst() throws Exception {
    Http.get(url);
    Http.get(server.baseUrl() + "/dl/b.tar.gz");

    assertThat(server.requestedPaths()).containsExactly("/dl/a.tar.gz", "/dl/b.tar.gz");
  }
}
