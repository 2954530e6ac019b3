package dev.plinth.installer.download;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.Cache;
import okhttp3.CacheControl;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches metadata and streams archives into staging while hashing them. Holds one OkHttp client
 * built from {@link HttpSettings}; create one per installer and share it.
 *
 * <p>Thread-safe: calls may run concurrently (each writes its own target file).
 */
@API(status = STABLE, since = "0.1")
public final class Downloader {
  private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
  private static final int BUFFER = 128 * 1024;
  /** Redirects one request may follow, as OkHttp allows. */
  static final int MAX_REDIRECTS = 20;

  private final HttpSettings settings;
  private final OkHttpClient client;

  private Downloader(HttpSettings settings) {
    this.settings = settings;
    OkHttpClient.Builder b = new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        // Redirects are followed by execute(), which checks each target before connecting to it.
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .addNetworkInterceptor(chain ->
            chain.proceed(chain.request().newBuilder().header("User-Agent", settings.userAgent()).build()));
    if (settings.proxy() != null) {
      b.proxy(settings.proxy());
    }
    java.nio.file.Path cacheDir = settings.cacheDirectory();
    if (cacheDir != null) {
      b.cache(new Cache(cacheDir.toFile(), settings.cacheMaxBytes()));
    }
    this.client = b.build();
  }

  public static Downloader create(HttpSettings settings) {
    return new Downloader(requireNonNull(settings, "settings"));
  }

  public HttpSettings settings() {
    return settings;
  }

  /**
   * Checks that a URL may be fetched: {@code https}, or {@code http} to a loopback host (or any
   * host when {@link HttpSettings#allowInsecureHttp()}).
   *
   * @throws InstallException {@code SOURCE_INVALID} otherwise
   */
  public void requireAllowed(String url, Phase phase) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null || !allowed(parsed)) {
      throw new InstallException(InstallErrorCode.SOURCE_INVALID, phase,
          "url must be https (http only to loopback or when allowInsecureHttp is set): " + url,
          "Use an https:// URL, or set HttpSettings.allowInsecureHttp(true) for a trusted network.",
          Map.of("url", url), null);
    }
  }

  /**
   * GETs a small resource. Retries connect errors, broken bodies and 5xx; returns any final
   * status (the caller maps 4xx to its own errors).
   *
   * @throws InstallException {@code HTTP_ERROR} when no answer arrives after the retries,
   *     {@code DOWNLOAD_TOO_LARGE} over {@code maxBytes}, {@code DOWNLOAD_INTERRUPTED}
   */
  public HttpText getText(String url, Map<String, String> headers, long maxBytes, Phase phase) {
    requireAllowed(url, phase);
    Request.Builder rb = new Request.Builder().url(url).get();
    headers.forEach(rb::header);
    Request request = rb.build();
    for (int attempt = 0; ; attempt++) {
      try (Response response = execute(request)) {
        if (response.code() >= 500 && attempt < settings.maxRetries()) {
          LOG.debug("GET {} answered {}; retry {}", url, response.code(), attempt + 1);
          sleep(attempt, url, phase);
          continue;
        }
        ResponseBody body = response.body();
        byte[] bytes = body == null ? new byte[0] : readBounded(body, maxBytes, url, phase);
        return new HttpText(url, response.code(), new String(bytes, StandardCharsets.UTF_8),
            response.headers().toMultimap());
      } catch (ForbiddenUrlException e) {
        throw forbiddenRedirect(e, phase);
      } catch (IOException e) {
        if (interrupted(e)) {
          throw interruptedError(url, phase, e);
        }
        if (attempt >= settings.maxRetries()) {
          throw new InstallException(InstallErrorCode.HTTP_ERROR, phase,
              "url must be reachable: " + url + " (" + e + ")",
              "Check the network, proxy and URL, then try again.", Map.of("url", url), e);
        }
        LOG.debug("GET {} failed: {}; retry {}", url, e.toString(), attempt + 1);
        sleep(attempt, url, phase);
      }
    }
  }

  /**
   * Streams {@code url} into {@code target} (created new), computing sha256 and the given extra
   * digests. The file is removed on every failure.
   *
   * @throws InstallException {@code SOURCE_NOT_FOUND} (404/410), {@code HTTP_ERROR} (other 4xx),
   *     {@code DOWNLOAD_TOO_LARGE}, {@code DOWNLOAD_FAILED} (after retries),
   *     {@code DOWNLOAD_INTERRUPTED}; phase {@code download}
   */
  public DownloadResult download(String url, Path target, Set<DigestAlgorithm> digests, ProgressListener progress) {
    requireAllowed(url, Phase.DOWNLOAD);
    // identity: the bytes hashed and capped are exactly the bytes published (no transparent gzip)
    // no-store: archives never go into the metadata cache
    Request request = new Request.Builder().url(url).header("Accept-Encoding", "identity")
        .cacheControl(new CacheControl.Builder().noStore().build()).get().build();
    for (int attempt = 0; ; attempt++) {
      try (Response response = execute(request)) {
        int code = response.code();
        if (code >= 500) {
          if (attempt < settings.maxRetries()) {
            LOG.debug("GET {} answered {}; retry {}", url, code, attempt + 1);
            sleep(attempt, url, Phase.DOWNLOAD);
            continue;
          }
          throw new InstallException(InstallErrorCode.DOWNLOAD_FAILED, Phase.DOWNLOAD,
              "archive download must succeed: " + url + " (HTTP " + code + " after "
                  + (attempt + 1) + " attempts)",
              "The server is failing; try again later.", Map.of("url", url, "status", code), null);
        }
        if (code == 404 || code == 410) {
          throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.DOWNLOAD,
              "archive url must exist: " + url + " (HTTP " + code + ")",
              "Check the URL or the release; the asset may have been removed.",
              Map.of("url", url, "status", code), null);
        }
        if (code < 200 || code >= 300) {
          throw new InstallException(InstallErrorCode.HTTP_ERROR, Phase.DOWNLOAD,
              "archive download must answer 2xx: " + url + " (HTTP " + code + ")",
              "Check access rights (a token may be needed) and the URL.",
              Map.of("url", url, "status", code), null);
        }
        ResponseBody body = response.body();
        long announced = body == null ? -1 : body.contentLength();
        if (announced > settings.maxDownloadBytes()) {
          throw tooLarge(url, announced, Phase.DOWNLOAD);
        }
        try (InputStream in = body == null ? InputStream.nullInputStream() : body.byteStream()) {
          return write(in, url, target, announced, digests, progress);
        }
      } catch (ForbiddenUrlException e) {
        deleteQuietly(target);
        throw forbiddenRedirect(e, Phase.DOWNLOAD);
      } catch (IOException e) {
        deleteQuietly(target);
        if (interrupted(e)) {
          throw interruptedError(url, Phase.DOWNLOAD, e);
        }
        InstallErrorCode local = InstallErrorCode.ofIoFailure(e, InstallErrorCode.DOWNLOAD_FAILED);
        if (local != InstallErrorCode.DOWNLOAD_FAILED) {
          // The local disk failed, not the network: retrying cannot help.
          String where = String.valueOf(target.toAbsolutePath().getParent());
          throw new InstallException(local, Phase.DOWNLOAD,
              "download target must be writable: " + target + " (" + e.getMessage() + ")",
              local.ioNextStep(where, ""), Map.of("url", url, "target", target.toString()), e);
        }
        if (attempt >= settings.maxRetries()) {
          throw new InstallException(InstallErrorCode.DOWNLOAD_FAILED, Phase.DOWNLOAD,
              "archive download must complete: " + url + " (" + e + " after " + (attempt + 1) + " attempts)",
              "Check the network and try again; a body that keeps breaking off may be a server problem.",
              Map.of("url", url, "attempts", attempt + 1), e);
        }
        LOG.debug("GET {} broke off: {}; retry {}", url, e.toString(), attempt + 1);
        sleep(attempt, url, Phase.DOWNLOAD);
      } catch (RuntimeException e) {
        deleteQuietly(target);
        throw e;
      }
    }
  }

  /**
   * Executes {@code request} and follows its redirects here rather than inside OkHttp, so that each
   * target is checked against the settings ({@link #requireAllowed}) before anything connects to
   * it. A redirect to another scheme, host or port drops the {@code Authorization} header, as
   * OkHttp's own redirects do, so a token never travels to a CDN. The caller closes the response.
   *
   * @throws ForbiddenUrlException a redirect names a URL the settings forbid
   */
  private Response execute(Request request) throws IOException {
    Request current = request;
    for (int redirects = 0; ; redirects++) {
      Response response = client.newCall(current).execute();
      String location = response.isRedirect() ? response.header("Location") : null;
      HttpUrl next = location == null ? null : current.url().resolve(location);
      if (next == null) {
        return response; // not a redirect, or one without a usable target: the caller judges the status
      }
      response.close();
      if (!allowed(next)) {
        throw new ForbiddenUrlException(current.url().toString(), next.toString());
      }
      if (redirects >= MAX_REDIRECTS) {
        throw new ProtocolException("too many redirects: more than " + MAX_REDIRECTS + " from " + request.url());
      }
      Request.Builder b = current.newBuilder().url(next);
      if (!sameOrigin(current.url(), next)) {
        b.removeHeader("Authorization");
      }
      current = b.build();
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static InstallException forbiddenRedirect(ForbiddenUrlException e, Phase phase) {
    return new InstallException(InstallErrorCode.SOURCE_INVALID, phase,
        "redirect target must be https (http only to loopback or when allowInsecureHttp is set): " + e.url
            + " (redirected from " + e.from + ")",
        "Ask the publisher for an https download URL, or set HttpSettings.allowInsecureHttp(true) for a"
            + " trusted network.",
        Map.of("url", e.url, "from", e.from), null);
  }

  /**
   * Copies a local archive into staging while hashing it, so that what is verified is exactly
   * what is extracted.
   */
  public DownloadResult copyLocal(Path source, Path target, Set<DigestAlgorithm> digests, ProgressListener progress) {
    try (InputStream in = Files.newInputStream(source)) {
      return write(in, source.toString(), target, Files.size(source), digests, progress);
    } catch (IOException e) {
      deleteQuietly(target);
      if (InstallErrorCode.ofIoFailure(e, InstallErrorCode.SOURCE_NOT_FOUND) == InstallErrorCode.STORE_NO_SPACE) {
        String where = String.valueOf(target.toAbsolutePath().getParent());
        throw new InstallException(InstallErrorCode.STORE_NO_SPACE, Phase.DOWNLOAD,
            "download target must be writable: " + target + " (" + e.getMessage() + ")",
            InstallErrorCode.STORE_NO_SPACE.ioNextStep(where, ""), Map.of("path", source.toString()), e);
      }
      throw new InstallException(InstallErrorCode.SOURCE_NOT_FOUND, Phase.DOWNLOAD,
          "local archive must be readable: " + source + " (" + e.getMessage() + ")",
          "Check the path and its permissions.", Map.of("path", source.toString()), e);
    } catch (RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
  }

  private DownloadResult write(InputStream in, String what, Path target, long total,
      Set<DigestAlgorithm> algorithms, ProgressListener progress) throws IOException {
    Map<DigestAlgorithm, MessageDigest> mds = new EnumMap<>(DigestAlgorithm.class);
    mds.put(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newDigest());
    for (DigestAlgorithm a : algorithms) {
      mds.computeIfAbsent(a, DigestAlgorithm::newDigest);
    }
    byte[] buffer = new byte[BUFFER];
    long done = 0;
    Files.createDirectories(target.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(target,
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted");
        }
        done += n;
        if (done > settings.maxDownloadBytes()) {
          throw tooLarge(what, done, Phase.DOWNLOAD);
        }
        for (MessageDigest md : mds.values()) {
          md.update(buffer, 0, n);
        }
        out.write(buffer, 0, n);
        progress.bytes(done, total);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted");
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(target);
      throw e;
    }
    Map<DigestAlgorithm, String> hex = new EnumMap<>(DigestAlgorithm.class);
    mds.forEach((a, md) -> hex.put(a, HexFormat.of().formatHex(md.digest())));
    return new DownloadResult(target, done, hex);
  }

  private byte[] readBounded(ResponseBody body, long maxBytes, String url, Phase phase) throws IOException {
    if (body.contentLength() > maxBytes) {
      throw tooLarge(url, body.contentLength(), phase);
    }
    try (InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw tooLarge(url, bytes.length, phase);
      }
      return bytes;
    }
  }

  private InstallException tooLarge(String what, long size, Phase phase) {
    long limit = phase == Phase.DOWNLOAD ? settings.maxDownloadBytes() : -1;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("url", what);
    details.put("size", size);
    return new InstallException(InstallErrorCode.DOWNLOAD_TOO_LARGE, phase,
        "download size must be <= " + (limit > 0 ? limit : "the metadata limit") + ": " + size + " bytes (" + what + ")",
        "Raise HttpSettings.maxDownloadBytes if the bundle is genuinely this large; otherwise do not install it.",
        details, null);
  }

  private void sleep(int attempt, String url, Phase phase) {
    try {
      Thread.sleep(settings.backoff(attempt).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interruptedError(url, phase, e);
    }
  }

  private static boolean interrupted(IOException e) {
    return Thread.currentThread().isInterrupted()
        || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
            && "interrupted".equals(e.getMessage()));
  }

  private static InstallException interruptedError(String url, Phase phase, Exception cause) {
    Thread.currentThread().interrupt();
    return new InstallException(InstallErrorCode.DOWNLOAD_INTERRUPTED, phase,
        "download must not be interrupted: " + url,
        "The installing thread was interrupted (shutdown or cancel); run the install again.",
        Map.of("url", url), cause);
  }

  private boolean allowed(HttpUrl url) {
    String scheme = url.scheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return true;
    }
    return scheme.equals("http") && (settings.allowInsecureHttp() || isLoopback(url.host()));
  }

  /** Loopback by name or literal address; never resolves a name through DNS. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (!h.matches("[0-9.]+") && !h.matches("[0-9a-f:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path target) {
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      LOG.warn("could not delete partial download {}: {}", target, e.toString());
    }
  }

  /** A redirect to a URL the settings forbid; never retried. */
  private static final class ForbiddenUrlException extends IOException {
    private static final long serialVersionUID = 1L;
    final String from;
    final String url;

    ForbiddenUrlException(String from, String url) {
      super("forbidden redirect from " + from + " to " + url);
      this.from = from;
      this.url = url;
    }
  }
}
