package dev.plinth.installer.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malicious archive of the shared corpus (src/test/resources/fixtures/archives, see its
 * README) is refused with its specific reason, leaves nothing in staging and writes nothing
 * outside it.
 */
class SafeExtractorCorpusTest {
  private static final Path PWNED = Path.of("/tmp/PWNED.txt");
  private static final Path EVIL = Path.of("/tmp/evil.txt");
  private static final Path VICTIM = Path.of("/tmp/VICTIM.txt");

  @TempDir Path temp;
  private boolean pwnedBefore;
  private boolean evilBefore;
  private byte[] victimBefore;

  @BeforeEach
  void recordOutside() throws IOException {
    pwnedBefore = Files.exists(PWNED);
    evilBefore = Files.exists(EVIL);
    victimBefore = Files.exists(VICTIM) ? Files.readAllBytes(VICTIM) : null;
  }

  @AfterEach
  void nothingOutsideChanged() throws IOException {
    assertThat(Files.exists(PWNED)).as("/tmp/PWNED.txt").isEqualTo(pwnedBefore);
    assertThat(Files.exists(EVIL)).as("/tmp/evil.txt").isEqualTo(evilBefore);
    if (victimBefore != null) {
      assertThat(Files.readAllBytes(VICTIM)).as("/tmp/VICTIM.txt").isEqualTo(victimBefore);
    }
  }

  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    String[][] slip = {
      {"dotdot-slip", "path-traversal"},
      {"abs-slip", "absolute-path"},
      {"backslash-slip", "backslash"},
      {"exfil-slip", "symlink"},
      {"toctou-slip", "symlink"},
      {"case-slip", "symlink"},
      {"unicode-slip", "symlink"},
      {"unicode-nfkc-slip", "symlink"},
    };
    for (String[] c : slip) {
      cases.add(Arguments.of("zip-slip-symlink/tar/" + c[0] + ".tar", ArchiveFormat.TAR, c[1]));
      cases.add(Arguments.of("zip-slip-symlink/compress/gz/" + c[0] + ".tar.gz", ArchiveFormat.TAR_GZ, c[1]));
      cases.add(Arguments.of("zip-slip-symlink/zip/" + c[0] + ".zip", ArchiveFormat.ZIP, c[1]));
    }
    for (String c : List.of("hardlink-slip", "hardlink-exfil-slip")) {
      cases.add(Arguments.of("zip-slip-symlink/tar/" + c + ".tar", ArchiveFormat.TAR, "hardlink"));
      cases.add(Arguments.of("zip-slip-symlink/compress/gz/" + c + ".tar.gz", ArchiveFormat.TAR_GZ, "hardlink"));
    }
    cases.add(Arguments.of("snyk-zip-slip/zip-slip.zip", ArchiveFormat.ZIP, "path-traversal"));
    cases.add(Arguments.of("snyk-zip-slip/zip-slip.tar", ArchiveFormat.TAR, "path-traversal"));
    cases.add(Arguments.of("snyk-zip-slip/zip-slip-win.zip", ArchiveFormat.ZIP, "backslash"));
    cases.add(Arguments.of("snyk-zip-slip/zip-slip-win.tar", ArchiveFormat.TAR, "backslash"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void extract_maliciousArchive_rejectedWithReasonAndNothingLeft(String fixture, ArchiveFormat format, String reason)
      throws Exception {
    Path archive = fixture(fixture);
    Path dest = temp.resolve("staging").resolve("bundle");

    InstallException e = catchThrowableOfType(InstallException.class,
        () -> SafeExtractor.of(ExtractionLimits.DEFAULTS).extract(archive, format, dest));

    assertThat(e).as(fixture).isNotNull();
    assertThat(e.code()).isEqualTo(InstallErrorCode.ARCHIVE_ENTRY_UNSAFE);
    assertThat(e.phase()).isEqualTo(Phase.EXTRACT);
    assertThat(e.details()).containsEntry("reason", reason).containsKey("entry");
    assertThat(e.getMessage()).startsWith("archive entry ");
    assertThat(dest).doesNotExist();
    try (Stream<Path> left = Files.list(temp.resolve("staging"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void extract_readonlyCorpusTar_modesGiveOwnerWriteAndTreeDeletes() throws Exception {
    for (String fixture : List.of("zip-slip-symlink/tar/readonly-slip.tar", "zip-slip-symlink/zip/readonly-slip.zip")) {
      Path dest = temp.resolve(fixture.endsWith(".zip") ? "z" : "t");
      ArchiveFormat format = fixture.endsWith(".zip") ? ArchiveFormat.ZIP : ArchiveFormat.TAR;

      ExtractionResult r = SafeExtractor.of(ExtractionLimits.DEFAULTS).extract(fixture(fixture), format, dest);

      assertThat(r.fileDigests()).containsKey("readonly-unix.txt");
      if (format == ArchiveFormat.ZIP) {
        assertThat(r.fileDigests()).containsOnlyKeys("readonly-unix.txt", "readonly-dos.txt");
      }
      for (String f : r.fileDigests().keySet()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.root().resolve(f))))
            .isEqualTo("rw-r--r--");
      }
      FileTrees.deleteRecursively(dest);
      assertThat(dest).doesNotExist();
    }
  }

  static Path fixture(String name) throws IOException, URISyntaxException {
    return Path.of(Objects.requireNonNull(
        SafeExtractorCorpusTest.class.getResource("/fixtures/archives/" + name), name).toURI());
  }
}
