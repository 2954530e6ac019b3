package dev.plinth.testkit.server;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Something that goes wrong when a path is requested, for a number of requests ({@link #times()},
 * {@link #ALWAYS} by default) or for all of them. Inject with
 * {@link ReleaseServer#inject(String, Fault...)}; several faults given together apply in turn,
 * then the path answers normally again.
 *
 * <pre>{@code
 * server.inject(".*\\.tar\\.gz", Fault.serverError(503).times(2));   // two 503s, then the file
 * server.inject("/api/.*", Fault.rateLimited(429, Instant.now().plusSeconds(60)));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Fault permits Fault.Status, Fault.Body {
  /** {@link #times()} for a fault that never stops. */
  int ALWAYS = -1;

  /** How many requests get this fault, or {@link #ALWAYS}. */
  int times();

  /** The same fault for only the next {@code n} requests. */
  Fault times(int n);

  /** An HTTP error status (5xx, 404, 403, 429...) with headers and a JSON body. */
  static Status status(int status) {
    return new Status(status, Map.of(), "{\"message\":\"Injected fault " + status + "\"}", ALWAYS);
  }

  /** A 5xx error ({@code 500}, {@code 502}, {@code 503}...). */
  static Status serverError(int status) {
    if (status < 500 || status > 599) {
      throw invalid("status must be 5xx: " + status);
    }
    return status(status);
  }

  /** 404 with GitHub's body {@code {"message":"Not Found"}}. */
  static Status notFound() {
    return new Status(404, Map.of(), "{\"message\":\"Not Found\"}", ALWAYS);
  }

  /**
   * A GitHub-style rate limit: {@code status} (403 or 429) with {@code X-RateLimit-Limit: 60},
   * {@code X-RateLimit-Remaining: 0}, {@code X-RateLimit-Reset: <reset epoch seconds>} and
   * {@code Retry-After: <seconds until reset, at least 1>}.
   */
  static Status rateLimited(int status, Instant reset) {
    if (status != 403 && status != 429) {
      throw invalid("status must be 403 or 429: " + status);
    }
    long retryAfter = Math.max(1, Duration.between(Instant.now(), reset).toSeconds());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-RateLimit-Limit", "60");
    headers.put("X-RateLimit-Remaining", "0");
    headers.put("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()));
    headers.put("Retry-After", Long.toString(retryAfter));
    return new Status(status, headers, "{\"message\":\"API rate limit exceeded for 127.0.0.1.\","
        + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits\"}", ALWAYS);
  }

  /** The normal response, sent after a fixed delay. */
  static Body fixedDelay(Duration delay) {
    return new Body(BodyKind.FIXED_DELAY, 1, millis(delay), ALWAYS);
  }

  /** The normal body sent in {@code chunks} pieces spread over {@code total} (a slow server). */
  static Body slowBody(int chunks, Duration total) {
    return new Body(BodyKind.DRIBBLE, chunks, millis(total), ALWAYS);
  }

  /** A 200 whose chunked body breaks off (WireMock's {@code MALFORMED_RESPONSE_CHUNK}). */
  static Body truncatedBody() {
    return new Body(BodyKind.MALFORMED_CHUNK, 0, 0, ALWAYS);
  }

  /** A 200 that declares a {@code Content-Length} larger than the body it sends. */
  static Body shortBody() {
    return new Body(BodyKind.SHORT_BODY, 0, 0, ALWAYS);
  }

  /** A 200 with the normal length but one byte changed, so the digest no longer matches. */
  static Body corruptBody() {
    return new Body(BodyKind.CORRUPT, 0, 0, ALWAYS);
  }

  /** The connection is reset before any response. */
  static Body connectionReset() {
    return new Body(BodyKind.CONNECTION_RESET, 0, 0, ALWAYS);
  }

  private static int millis(Duration d) {
    if (d.isNegative()) {
      throw invalid("duration must be >= 0: " + d);
    }
    return Math.toIntExact(d.toMillis());
  }

  /** An error status; the body is not the path's normal body. */
  record Status(int status, Map<String, String> headers, String body, int times) implements Fault {
    public Status {
      headers = Map.copyOf(headers);
      requireNonNull(body, "body");
      checkTimes(times);
    }

    @Override
    public Status times(int n) {
      return new Status(status, headers, body, n);
    }
  }

  /** The path's normal response, delivered badly. */
  enum BodyKind { FIXED_DELAY, DRIBBLE, MALFORMED_CHUNK, SHORT_BODY, CORRUPT, CONNECTION_RESET }

  /** The path's normal response delivered badly; see {@link BodyKind}. */
  record Body(BodyKind kind, int chunks, int millis, int times) implements Fault {
    public Body {
      requireNonNull(kind, "kind");
      checkTimes(times);
    }

    @Override
    public Body times(int n) {
      return new Body(kind, chunks, millis, n);
    }
  }

  private static TestkitException invalid(String message) {
    return new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID, message,
        "See the Fault factory methods for the values each accepts.");
  }

  private static void checkTimes(int times) {
    if (times != ALWAYS && times < 1) {
      throw invalid("times must be >= 1: " + times);
    }
  }
}
