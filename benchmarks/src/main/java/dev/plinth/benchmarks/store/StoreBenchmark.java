package dev.plinth.benchmarks.store;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.SignatureVerdict;
import dev.plinth.installer.StagedBundle;
import dev.plinth.installer.events.EventSink;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.store.PluginStore;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What a crash-safe version switch costs: {@code PluginStore.rollback} between two kept versions
 * (journal before each phase, atomic pointer rename, state and lock rewrite, all fsynced) against
 * the bare atomic rename of a symlink, the one step a switch cannot do without.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StoreBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
  private Path dir;
  private PluginStore store;
  private boolean onFirst;
  private Path link;
  private Path tempLink;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("plinth-store-bench");
    store = PluginStore.builder().home(dir.resolve("home")).eventSink(EventSink.NONE)
        .stager(StoreBenchmark::stageFolder).hostProfile(() -> HostProfile.of("bench", "1.0.0")).build();
    for (String v : List.of("1.0.0", "2.0.0")) {
      Path b = dir.resolve("bundle-" + v);
      Files.createDirectories(b.resolve("classes"));
      Files.writeString(b.resolve("plugin.toml"), "[plugin]\nid = \"bench\"\nversion = \"" + v + "\"\n");
      Files.writeString(b.resolve("classes/A.class"), "class " + v);
      InstallOutcome o = store.install(InstallRequest.of(b.toString()));
      if (!o.succeeded()) {
        throw new IllegalStateException("setup install failed: " + o);
      }
    }
    Files.createDirectories(dir.resolve("links/v1"));
    Files.createDirectories(dir.resolve("links/v2"));
    link = dir.resolve("links/current");
    tempLink = dir.resolve("links/current.tmp");
    Files.createSymbolicLink(link, Path.of("v1"));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A full rollback transaction, alternating between the two kept versions. */
  @Benchmark
  public InstallOutcome rollbackTransaction() {
    onFirst = !onFirst;
    return store.rollback("bench", onFirst ? "1.0.0" : "2.0.0");
  }

  /** Baseline: create a symlink and rename it over the old one (no journal, no fsync). */
  @Benchmark
  public Path bareSymlinkSwitch() throws IOException {
    onFirst = !onFirst;
    Files.createSymbolicLink(tempLink, Path.of(onFirst ? "v1" : "v2"));
    return Files.move(tempLink, link, StandardCopyOption.ATOMIC_MOVE);
  }

  private static StagedBundle stageFolder(InstallRequest request, Path stagingDir, HostProfile host,
      dev.plinth.installer.ProgressListener progress) {
    try {
      Path src = Path.of(request.source());
      Path root = stagingDir.resolve("bundle");
      Files.createDirectories(root.resolve("classes"));
      Files.copy(src.resolve("plugin.toml"), root.resolve("plugin.toml"));
      Files.copy(src.resolve("classes/A.class"), root.resolve("classes/A.class"));
      String version = Files.readString(src.resolve("plugin.toml")).replaceAll("(?s).*version = \"([^\"]+)\".*", "$1");
      PluginManifest m = new PluginManifest("bench", version, "bench", "", List.of(), null, PluginManifest.Engine.NONE,
          PluginManifest.Runtime.DEFAULT, Map.of(), PluginManifest.Contributes.NONE, List.of(),
          PluginManifest.Permissions.NONE, Map.of());
      return new StagedBundle(m, stagingDir, root, request.source(), null,
          // placeholder digests: a rollback does not re-hash files (the doctor does)
          Map.of("plugin.toml", "0", "classes/A.class", version), SignatureVerdict.ignored());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
