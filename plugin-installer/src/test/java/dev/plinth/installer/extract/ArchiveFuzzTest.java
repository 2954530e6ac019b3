package dev.plinth.installer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.fuzz.Mutator;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.TestArchives;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Fuzz properties of the safe extractor: mutated tar, tar.gz and zip archives (benign bundles and
 * the zip-slip fixtures) are extracted into a staging folder. Only {@link InstallException}s with
 * an extraction code may escape, and no file may appear outside the destination, whatever the
 * archive says. Tries from {@code jqwik.tries.default} (short in CI, long in the {@code fuzz} profile).
 */
class ArchiveFuzzTest {
  /** The codes extraction documents. */
  private static final Set<InstallErrorCode> DOCUMENTED = Set.of(InstallErrorCode.ARCHIVE_INVALID,
      InstallErrorCode.ARCHIVE_ENTRY_UNSAFE, InstallErrorCode.ARCHIVE_LIMIT_EXCEEDED);
  private static final ExtractionLimits LIMITS = new ExtractionLimits(200, 1L << 20, 4L << 20, 100.0, 64L << 10, 4096);
  static final List<Seed> SEEDS = seeds();

  record Seed(String name, ArchiveFormat format, byte[] bytes) {}

  private static List<Seed> seeds() {
    try {
      List<Seed> out = new ArrayList<>();
      out.add(new Seed("bundle.tar.gz", ArchiveFormat.TAR_GZ, TestArchives.bundleTarGz("acme_tool", "1.0.0")));
      out.add(new Seed("bundle.tar", ArchiveFormat.TAR, new TestArchives.Tar(false)
          .dir("acme_tool/").file("acme_tool/plugin.toml", TestArchives.manifest("acme_tool", "1.0.0"), 0644)
          .file("acme_tool/lib/a.txt", "a", 0644).bytes()));
      out.add(new Seed("bundle.zip", ArchiveFormat.ZIP, new TestArchives.Zip()
          .file("plugin.toml", TestArchives.manifest("acme_tool", "1.0.0")).file("lib/a.txt", "a").bytes()));
      Path fixtures = Path.of(ArchiveFuzzTest.class.getResource("/fixtures/archives").toURI());
      try (Stream<Path> files = Files.walk(fixtures)) {
        for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
          ArchiveFormat.fromFileName(p.getFileName().toString())
              .ifPresent(f -> out.add(new Seed(p.getFileName().toString(), f, read(p))));
        }
      }
      assertThat(out).hasSizeGreaterThan(10);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException("cannot build the archive seeds", e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Property
  void extract_mutatedArchive_onlyExtractionErrorsAndNothingOutsideStaging(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int rounds) throws Exception {
    Random random = new Random(seed);
    Seed s = SEEDS.get(random.nextInt(SEEDS.size()));
    checkExtract(s, Mutator.mutate(s.bytes(), random, rounds), "seed " + seed);
  }

  /**
   * The check shared by the jqwik property and the Jazzer target: {@code archive} (a variant of
   * {@code s}) extracts into a fresh staging folder or fails with an extraction code; nothing
   * appears outside staging and no link is left.
   */
  static void checkExtract(Seed s, byte[] archive, String origin) throws IOException {
    Path work = Files.createTempDirectory("plinth-fuzz-");
    try {
      Path file = TestArchives.write(work.resolve("in").resolve(s.name()), archive);
      Path staging = Files.createDirectories(work.resolve("staging"));
      try {
        ExtractionResult r = SafeExtractor.of(LIMITS).extract(file, s.format(), staging.resolve("out"));
        assertThat(r.root()).isEqualTo(staging.resolve("out"));
      } catch (InstallException e) {
        assertThat(DOCUMENTED).as("code of %s from %s %s", e, s.name(), origin).contains((InstallErrorCode) e.code());
        assertThat(e.nextStep()).isNotBlank();
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        throw new AssertionError("undocumented " + e + " from mutated " + s.name() + " (" + origin + ")", e);
      }
      assertNothingOutside(work, staging.resolve("out"));
    } finally {
      deleteTree(work);
    }
  }

  /** Only the input archive and the destination tree exist under {@code work}; no link leads out. */
  private static void assertNothingOutside(Path work, Path out) throws IOException {
    try (Stream<Path> all = Files.walk(work)) {
      for (Path p : all.toList()) {
        boolean allowed = p.equals(work) || p.startsWith(work.resolve("in")) || p.equals(work.resolve("staging"))
            || p.startsWith(out);
        assertThat(allowed).as("file outside staging: " + work.relativize(p)).isTrue();
        assertThat(Files.isSymbolicLink(p)).as("link left by extraction: " + p).isFalse();
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && p.startsWith(out)) {
          assertThat(Files.size(p)).isLessThanOrEqualTo(LIMITS.maxEntryBytes());
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }
}
