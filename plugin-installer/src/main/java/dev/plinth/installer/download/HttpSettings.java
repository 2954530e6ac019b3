package dev.plinth.installer.download;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.net.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How the installer talks HTTP: timeouts, proxy, user agent, download size cap, retries and
 * backoff, and whether plain {@code http://} is allowed beyond loopback. Immutable; build with
 * {@link #builder()}, which keeps every default in one place and refuses a setting given twice.
 *
 * <pre>{@code
 * HttpSettings s = HttpSettings.builder().maxDownloadBytes(64L << 20).maxRetries(2).build();
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class HttpSettings {
  /** The settings with every default. */
  public static final HttpSettings DEFAULTS = builder().build();

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final @Nullable Proxy proxy;
  private final String userAgent;
  private final long maxDownloadBytes;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final boolean allowInsecureHttp;
  private final @Nullable Path cacheDirectory;
  private final long cacheMaxBytes;

  private HttpSettings(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.proxy = b.proxy;
    this.userAgent = b.userAgent;
    this.maxDownloadBytes = b.maxDownloadBytes;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.allowInsecureHttp = b.allowInsecureHttp;
    this.cacheDirectory = b.cacheDirectory;
    this.cacheMaxBytes = b.cacheMaxBytes;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** The proxy, or null for the JVM default proxy selection. */
  public @Nullable Proxy proxy() {
    return proxy;
  }

  public String userAgent() {
    return userAgent;
  }

  public long maxDownloadBytes() {
    return maxDownloadBytes;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public boolean allowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * The folder of the HTTP cache for metadata (indexes, release JSON, manifests), or null for no
   * cache. Cached answers are revalidated with {@code If-None-Match} / {@code If-Modified-Since};
   * archives are never stored in it.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public @Nullable Path cacheDirectory() {
    return cacheDirectory;
  }

  /** The size cap of the HTTP cache in bytes (default 10 MiB). */
  @API(status = EXPERIMENTAL, since = "0.1")
  public long cacheMaxBytes() {
    return cacheMaxBytes;
  }

  /** The backoff before retry number {@code attempt} (0-based): doubling, capped. */
  Duration backoff(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /** Builds {@link HttpSettings}. Not thread-safe. */
  @API(status = STABLE, since = "0.1")
  public static final class Builder {
    private static final String DEFAULT_USER_AGENT = "plinth/" + version();

    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private @Nullable Proxy proxy;
    private String userAgent = DEFAULT_USER_AGENT;
    private long maxDownloadBytes = 512L << 20;
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private boolean allowInsecureHttp;
    private @Nullable Path cacheDirectory;
    private long cacheMaxBytes = 10L << 20;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    /** Connect timeout (default 10 s). */
    public Builder connectTimeout(Duration value) {
      once("connectTimeout", connectTimeout);
      connectTimeout = positive("connectTimeout", value);
      return this;
    }

    /** Read timeout between bytes (default 30 s). */
    public Builder readTimeout(Duration value) {
      once("readTimeout", readTimeout);
      readTimeout = positive("readTimeout", value);
      return this;
    }

    /** An explicit proxy ({@link Proxy#NO_PROXY} to bypass the JVM's selector). */
    public Builder proxy(Proxy value) {
      once("proxy", proxy);
      proxy = requireNonNull(value, "proxy");
      return this;
    }

    /** The User-Agent header (default {@code plinth/<version>}). */
    public Builder userAgent(String value) {
      once("userAgent", userAgent);
      if (value.isBlank()) {
        throw new IllegalArgumentException("userAgent must not be blank: '" + value + "'");
      }
      userAgent = value;
      return this;
    }

    /** The largest archive a download may be (default 512 MiB). */
    public Builder maxDownloadBytes(long value) {
      once("maxDownloadBytes", maxDownloadBytes);
      if (value <= 0) {
        throw new IllegalArgumentException("maxDownloadBytes must be > 0: " + value);
      }
      maxDownloadBytes = value;
      return this;
    }

    /** Retries after connect errors, broken bodies and 5xx answers; never after 4xx (default 3). */
    public Builder maxRetries(int value) {
      once("maxRetries", maxRetries);
      if (value < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0: " + value);
      }
      maxRetries = value;
      return this;
    }

    /** The first backoff and the cap; each retry doubles the wait (defaults 500 ms, 8 s). */
    public Builder backoff(Duration initial, Duration max) {
      once("backoff", initialBackoff);
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max: " + initial + ", " + max);
      }
      initialBackoff = initial;
      maxBackoff = max;
      return this;
    }

    /** Allow plain {@code http://} to any host (default: only loopback hosts). */
    public Builder allowInsecureHttp(boolean value) {
      once("allowInsecureHttp", allowInsecureHttp);
      allowInsecureHttp = value;
      return this;
    }

    /**
     * Caches metadata answers under {@code directory} (at most {@code maxBytes}), revalidating them
     * with the server's {@code ETag} or {@code Last-Modified}. One folder per client: two clients
     * must not share a cache folder.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public Builder cache(Path directory, long maxBytes) {
      once("cache", cacheDirectory);
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("cache maxBytes must be > 0: " + maxBytes);
      }
      cacheDirectory = requireNonNull(directory, "directory");
      cacheMaxBytes = maxBytes;
      return this;
    }

    public HttpSettings build() {
      return new HttpSettings(this);
    }

    private void once(String field, @Nullable Object current) {
      if (!set.add(field)) {
        throw new IllegalStateException(field + " was already set: " + current);
      }
    }

    private static Duration positive(String field, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(field + " must be > 0: " + value);
      }
      return value;
    }

    private static String version() {
      String v = HttpSettings.class.getPackage().getImplementationVersion();
      return v == null ? "0.1.0" : v;
    }
  }
}
