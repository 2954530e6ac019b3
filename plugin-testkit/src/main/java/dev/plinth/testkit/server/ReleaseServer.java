package dev.plinth.testkit.server;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A release server on {@code 127.0.0.1} with a free port, serving plugin bundles as GitHub
 * releases ({@link #apiBaseUrl()}), a Maven repository ({@link #mavenRepositoryUrl()}) and catalog
 * indexes, with fault injection and request counting. Close it after the test.
 *
 * <pre>{@code
 * try (ReleaseServer server = ReleaseServer.start()) {
 *   server.publishGithubRelease("acme", "redactor", "v1.2.0", ReleaseAssets.of(bundle));
 *   server.inject(".*\\.tar\\.gz", Fault.serverError(503).times(2));
 *   // installer configured with server.apiBaseUrl() installs "github:acme/redactor"
 *   assertThat(server.requestCount(".*\\.tar\\.gz")).isEqualTo(3);
 * }
 * }</pre>
 *
 * <p>Thread-safe: publishing and fault methods take one lock; serving runs on WireMock's threads.
 * Responses carry a {@code Content-Length} and are never gzip-encoded by the server.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReleaseServer implements AutoCloseable {
  private final WireMockServer wireMock;
  private final String baseUrl;
  private final Object lock = new Object();
  private final Routes routes;
  private final FaultInjector faults;
  private final GithubReleases github;
  private final MavenRepository maven;
  private final ObjectMapper json = new ObjectMapper();

  private ReleaseServer(WireMockServer wireMock) {
    this.wireMock = wireMock;
    this.baseUrl = "http://127.0.0.1:" + wireMock.port();
    this.routes = new Routes(wireMock);
    this.faults = new FaultInjector(wireMock, routes);
    this.github = new GithubReleases(routes, json, baseUrl);
    this.maven = new MavenRepository(routes, baseUrl);
  }

  /** Starts a server on {@code 127.0.0.1} with a dynamic port. */
  public static ReleaseServer start() {
    return start(0);
  }

  /**
   * Starts a server on {@code 127.0.0.1} on the given port, or a dynamic one for {@code 0}. A
   * fixed port lets a system be configured with the server's URLs before the server runs.
   *
   * @throws IllegalArgumentException when the port is outside 0..65535
   */
  public static ReleaseServer start(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within 0..65535: " + port);
    }
    WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1");
    if (port == 0) {
      options.dynamicPort();
    } else {
      options.port(port);
    }
    WireMockServer server = new WireMockServer(options
        .http2PlainDisabled(true)
        .gzipDisabled(true)
        .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
        .containerThreads(12)
        .jettyAcceptors(1)
        .notifier(new Slf4jNotifier(false)));
    server.start();
    return new ReleaseServer(server);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The GitHub API base URL to configure in the installer ({@code <baseUrl>/api}). */
  public String apiBaseUrl() {
    return baseUrl + GithubReleases.API_PREFIX;
  }

  /** The Maven repository root URL ({@code <baseUrl>/maven}). */
  public String mavenRepositoryUrl() {
    return baseUrl + MavenRepository.PREFIX;
  }

  /** The server's port. */
  public int port() {
    return wireMock.port();
  }

  /**
   * Serves a GitHub release: {@code GET <api>/repos/<o>/<r>/releases/tags/<tag>}, and
   * {@code .../releases/latest} as the highest stable semver tag published for that repository.
   * Publishing the same tag again replaces it.
   */
  public PublishedRelease publishGithubRelease(String owner, String repo, String tag,
      ReleaseAssets assets) {
    requireSegment("owner", owner);
    requireSegment("repo", repo);
    requireSegment("tag", tag);
    synchronized (lock) {
      return github.publish(owner, repo, tag, assets);
    }
  }

  /** Serves an artifact in the Maven layout with {@link MavenOptions#defaults()}. */
  public PublishedArtifact publishMaven(String group, String artifact, String version,
      BuiltBundle archive) {
    return publishMaven(group, artifact, version, archive, MavenOptions.defaults());
  }

  /** Serves an artifact in the Maven layout, and updates the artifact's {@code maven-metadata.xml}. */
  public PublishedArtifact publishMaven(String group, String artifact, String version,
      BuiltBundle archive, MavenOptions options) {
    synchronized (lock) {
      return maven.publish(group, artifact, version, archive, options);
    }
  }

  /**
   * Serves the archive of a bundle and its manifest, signature and public key under
   * {@code /files/<id>/<version>/}, and returns the catalog entry that points at them.
   */
  public CatalogEntry catalogEntry(BuiltBundle bundle, String description) {
    String dir = "/files/" + bundle.id() + "/" + bundle.version() + "/";
    String archive = publishFile(dir + bundle.fileName(), bundle.bytes(),
        ReleaseAssets.contentType(bundle.fileName()));
    String manifest = bundle.manifest() == null ? null : publishFile(dir + "plugin.toml",
        bundle.manifest().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/toml");
    return new CatalogEntry(bundle.id(), bundle.version(), description, archive, bundle.sha256(),
        manifest, publishOptional(dir, bundle.signature()), publishOptional(dir, bundle.publicKey()));
  }

  /** Serves a catalog index at {@code path} (starting with {@code /}) and returns its URL. */
  public String publishCatalog(String path, List<CatalogEntry> entries) {
    ObjectNode root = json.createObjectNode();
    root.put("schema_version", 1);
    ArrayNode plugins = root.putArray("plugins");
    for (CatalogEntry e : entries) {
      ObjectNode n = plugins.addObject();
      n.put("id", e.id());
      n.put("version", e.version());
      n.put("description", e.description());
      n.put("archive_url", e.archiveUrl());
      n.put("sha256", e.sha256());
      putOptional(n, "manifest_url", e.manifestUrl());
      putOptional(n, "signature_url", e.signatureUrl());
      putOptional(n, "public_key_url", e.publicKeyUrl());
    }
    try {
      return publishFile(path, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
          "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serialises", e);
    }
  }

  /** Serves arbitrary bytes at {@code path} (starting with {@code /}) and returns its URL. */
  public String publishFile(String path, byte[] body, String contentType) {
    if (!path.startsWith("/") || path.contains("..") || path.contains("?")) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "path must start with '/' and hold no '..' or '?': " + path, "Use a path such as '/index.json'.");
    }
    synchronized (lock) {
      routes.serve(path, body, contentType);
    }
    return baseUrl + path;
  }

  /** Stops serving {@code path}; it answers 404 from now on. */
  public void unpublish(String path) {
    synchronized (lock) {
      routes.remove(path);
    }
  }

  /**
   * Injects faults on every path matching {@code pathRegex} (the whole path, as
   * {@link java.util.regex.Pattern} reads it). Several faults apply in turn, each for its
   * {@link Fault#times()}; only the last may be unbounded. Paths matched by one call share one
   * count. A body fault needs a path already served.
   */
  public FaultHandle inject(String pathRegex, Fault... sequence) {
    synchronized (lock) {
      List<StubMapping> stubs = faults.inject(pathRegex, List.of(sequence));
      return new FaultHandle(() -> {
        synchronized (lock) {
          faults.remove(stubs);
        }
      });
    }
  }

  /** Removes every injected fault and resets their counts. */
  public void resetFaults() {
    synchronized (lock) {
      faults.removeAll();
    }
  }

  /** How many requests (any method) were made to paths matching {@code pathRegex}. */
  public int requestCount(String pathRegex) {
    return wireMock.findAll(anyRequestedFor(urlPathMatching(pathRegex))).size();
  }

  /** The paths requested so far, oldest first (for failure messages). */
  public List<String> requestedPaths() {
    List<String> paths = new ArrayList<>();
    for (ServeEvent e : wireMock.getAllServeEvents()) {
      paths.add(0, e.getRequest().getUrl());
    }
    return paths;
  }

  /** Forgets the requests counted so far. */
  public void resetRequests() {
    wireMock.resetRequests();
  }

  /** Stops the server. */
  @Override
  public void close() {
    wireMock.stop();
  }

  private @Nullable String publishOptional(String dir, @Nullable Path file) {
    if (file == null) {
      return null;
    }
    try {
      String name = file.getFileName().toString();
      return publishFile(dir + name, Files.readAllBytes(file), ReleaseAssets.contentType(name));
    } catch (java.io.IOException e) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          "bundle file unreadable: " + file, "Rebuild the bundle.", e);
    }
  }

  private static void putOptional(ObjectNode n, String key, @Nullable String value) {
    if (value != null) {
      n.put(key, value);
    }
  }

  private static void requireSegment(String field, String value) {
    if (!value.matches("[A-Za-z0-9_.+-]+")) {
      throw new TestkitException(TestkitErrorCode.PUBLISH_INVALID,
          field + " must be one URL path segment of [A-Za-z0-9_.+-]: " + value,
          "Use a plain name such as 'acme' or 'v1.2.0'.");
    }
  }
}
