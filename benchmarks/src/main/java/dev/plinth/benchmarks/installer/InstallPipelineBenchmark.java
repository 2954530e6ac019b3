package dev.plinth.benchmarks.installer;

import com.sun.net.httpserver.HttpServer;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.StagedBundle;
import dev.plinth.installer.download.HttpSettings;
import dev.plinth.installer.extract.FileTrees;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Installs a 100 MB bundle (100 files of 1 MiB of incompressible bytes, tar.gz) from a loopback
 * HTTP server: the full {@link Pipeline} front half (download with streaming sha256, digest check,
 * safe extraction with per-file sha256, layout and manifest checks) against a baseline that does
 * the least possible work (JDK HttpClient to a file, one sha256 pass, commons-compress extraction
 * without any check). Goal: pipeline ≤ 1.25 × baseline.
 *
 * <pre>
 * ./mvnw -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar InstallPipelineBenchmark -f 1 -wi 1 -i 3 -bm ss -tu ms
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InstallPipelineBenchmark {
  private static final int FILES = 100;
  private static final int FILE_SIZE = 1 << 20;
  private static final String NAME = "bench_plugin-1.0.0.tar.gz";

  private Path work;
  private Path archive;
  private String sha256;
  private HttpServer server;
  private String url;
  private Pipeline pipeline;
  private HttpClient jdkClient;
  private Path staging;
  private final HostProfile host = HostProfile.of("bench-host", "1.0.0");

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    work = Files.createTempDirectory("plinth-bench");
    archive = work.resolve(NAME);
    Random random = new Random(42);
    byte[] buffer = new byte[FILE_SIZE];
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      byte[] manifest = "[plugin]\nid = \"bench_plugin\"\nversion = \"1.0.0\"\n".getBytes(StandardCharsets.UTF_8);
      put(tar, "bench_plugin/plugin.toml", manifest);
      for (int i = 0; i < FILES; i++) {
        random.nextBytes(buffer);
        put(tar, "bench_plugin/data/blob-" + i + ".bin", buffer);
      }
    }
    sha256 = sha256(archive);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, Files.size(archive));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(archive, out);
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + NAME;
    pipeline = Pipeline.builder()
        .httpSettings(HttpSettings.builder().maxDownloadBytes(1L << 30).build())
        .trustPolicy(TrustPolicy.of(TrustMode.IGNORE))
        .build();
    jdkClient = HttpClient.newHttpClient();
  }

  @Setup(Level.Invocation)
  public void freshStaging() throws IOException {
    staging = Files.createTempDirectory(work, "staging");
  }

  @TearDown(Level.Invocation)
  public void dropStaging() {
    FileTrees.deleteRecursively(staging);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.stop(0);
    FileTrees.deleteRecursively(work);
  }

  /** The subject: the pipeline's download, verify and safe extract. */
  @Benchmark
  public StagedBundle pipeline() {
    return pipeline.stage(InstallRequest.of(url + "#sha256=" + sha256), staging.resolve("tx"), host, ProgressListener.NONE);
  }

  /** The baseline: download, one sha256 pass, extraction without checks. */
  @Benchmark
  public String baseline() throws Exception {
    Path file = staging.resolve(NAME);
    jdkClient.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(file));
    String digest = sha256(file);
    if (!digest.equals(sha256)) {
      throw new IllegalStateException("digest mismatch");
    }
    Path out = staging.resolve("bundle");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 128 * 1024);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path target = out.resolve(e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
    return digest;
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[128 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
