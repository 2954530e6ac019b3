package dev.plinth.installer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.plinth.api.fuzz.Mutator;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.source.ResolvedArtifact;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzz properties of the source readers: a real loopback server answers a GitHub release query
 * (release JSON, {@code plugin.toml} asset, {@code .sha256} asset) and a Maven repository
 * ({@code .sha256}, {@code -plugin.toml}) with mutated answers. Resolving must give an artifact or
 * an {@link InstallException} (every installer code is documented); nothing else may escape.
 * Tries from {@code jqwik.tries.default} (short in CI, long under {@code -Pfuzz}).
 */
class SourceFuzzTest {
  private static final Map<String, byte[]> ANSWERS = new ConcurrentHashMap<>();
  private static final HttpServer SERVER;
  private static final String BASE;
  static final String RELEASE;
  static final String MANIFEST = TestArchives.manifest("acme_tool", "1.0.0");
  static final String SHA = "a".repeat(64) + "  acme_tool-1.0.0-noarch.tar.gz\n";
  private static final Pipeline PIPELINE;

  static {
    try {
      // Without TCP_NODELAY the JDK server's small answers wait out delayed ACKs (~40 ms each).
      System.setProperty("sun.net.httpserver.nodelay", "true");
      SERVER = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SERVER.createContext("/", exchange -> {
        byte[] body = ANSWERS.get(exchange.getRequestURI().getPath());
        exchange.sendResponseHeaders(body == null ? 404 : 200, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
          exchange.getResponseBody().write(body);
        }
        exchange.close();
      });
      SERVER.start();
      BASE = "http://127.0.0.1:" + SERVER.getAddress().getPort();
      RELEASE = "{\"tag_name\":\"v1.0.0\",\"assets\":["
          + "{\"name\":\"plugin.toml\",\"browser_download_url\":\"" + BASE + "/dl/plugin.toml\",\"size\":60},"
          + "{\"name\":\"acme_tool-1.0.0-noarch.tar.gz\",\"browser_download_url\":\"" + BASE + "/dl/a.tar.gz\",\"size\":1000},"
          + "{\"name\":\"acme_tool-1.0.0-noarch.tar.gz.sha256\",\"browser_download_url\":\"" + BASE + "/dl/a.sha256\",\"size\":90},"
          + "{\"name\":\"acme_tool-1.0.0-noarch.tar.gz.sig\",\"browser_download_url\":\"" + BASE + "/dl/a.sig\",\"size\":90}]}";
      PIPELINE = Pipeline.builder()
          .httpSettings(HttpSettings.builder().allowInsecureHttp(true).maxRetries(0)
              .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)).build())
          .githubApiBase(BASE + "/api").mavenRepository(BASE + "/maven").build();
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @AfterContainer
  static void stop() {
    SERVER.stop(0);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void resolveOnlyDocumented(String source, String input) {
    try {
      ResolvedArtifact art = PIPELINE.resolve(source);
      assertThat(art).isNotNull();
      if (art.digest() != null) {
        art.digest().hex();
      }
    } catch (InstallException e) {
      assertThat(e.nextStep()).as("next step of %s", e).isNotBlank();
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("undocumented " + e + " resolving " + source + " with answers:\n" + input, e);
    }
  }

  /** Shared with the Jazzer target: the GitHub release query answered with {@code release}, {@code manifest} and {@code sha}. */
  static void checkGithub(byte[] release, byte[] manifest, byte[] sha, String input) {
    ANSWERS.put("/api/repos/acme/acme_tool/releases/tags/v1.0.0", release);
    ANSWERS.put("/dl/plugin.toml", manifest);
    ANSWERS.put("/dl/a.sha256", sha);
    resolveOnlyDocumented("github:acme/acme_tool@v1.0.0", input);
  }

  /** Shared with the Jazzer target: the Maven repository answered with {@code sha} and {@code manifest}. */
  static void checkMaven(byte[] sha, byte[] manifest, String input) {
    String dir = "/maven/com/acme/acme_tool/1.0.0/";
    ANSWERS.put(dir + "acme_tool-1.0.0.tar.gz.sha256", sha);
    ANSWERS.put(dir + "acme_tool-1.0.0-plugin.toml", manifest);
    resolveOnlyDocumented("maven:com.acme:acme_tool:1.0.0", input);
  }

  @Property
  void resolveGithub_mutatedReleaseJsonAndAssets_givesAnArtifactOrAnInstallError(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 10) int rounds) {
    Random random = new Random(seed);
    int target = random.nextInt(3);
    byte[] release = target == 0 ? Mutator.mutate(utf8(RELEASE), random, rounds) : utf8(RELEASE);
    byte[] manifest = target == 1 ? Mutator.mutate(utf8(MANIFEST), random, rounds) : utf8(MANIFEST);
    byte[] sha = target == 2 ? Mutator.mutate(utf8(SHA), random, rounds) : utf8(SHA);
    checkGithub(release, manifest, sha, new String(target == 0 ? release : target == 1 ? manifest : sha, StandardCharsets.UTF_8));
  }

  @Property
  void resolveMaven_mutatedDigestAndManifest_givesAnArtifactOrAnInstallError(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 10) int rounds) {
    Random random = new Random(seed);
    boolean digest = random.nextBoolean();
    byte[] sha = digest ? Mutator.mutate(utf8(SHA), random, rounds) : utf8(SHA);
    byte[] manifest = digest ? utf8(MANIFEST) : Mutator.mutate(utf8(MANIFEST), random, rounds);
    checkMaven(sha, manifest, new String(digest ? sha : manifest, StandardCharsets.UTF_8));
  }
}
