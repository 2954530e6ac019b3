package dev.plinth.testkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HostileArchivesTest {
  @TempDir Path temp;

  @ParameterizedTest
  @EnumSource(ArchiveAttack.class)
  void write_tarGz_firstEntryIsValidManifestThenTheAttack(ArchiveAttack attack) throws IOException {
    if (!attack.supports(BundleFormat.TAR_GZ)) {
      assertThat(attack).isEqualTo(ArchiveAttack.NUL_IN_NAME);
      return;
    }
    BuiltBundle b = HostileArchives.write(temp, attack, BundleFormat.TAR_GZ);

    List<TarArchiveEntry> entries = ArchiveReader.tarEntries(b.path());
    assertThat(b.fileName()).isEqualTo(attack.pluginId() + "-1.0.0-noarch.tar.gz");
    assertThat(entries.get(0).getName()).isEqualTo("plugin.toml");
    assertThat(b.manifest()).contains("id = \"" + attack.pluginId() + "\"");
    assertTarAttack(attack, entries.subList(1, entries.size()));
  }

  private static void assertTarAttack(ArchiveAttack attack, List<TarArchiveEntry> rest) {
    TarArchiveEntry e = rest.get(0);
    switch (attack) {
      case DOT_DOT_TRAVERSAL -> assertThat(e.getName()).isEqualTo("../../../../../../tmp/plinth-escape.txt");
      case ABSOLUTE_PATH -> assertThat(e.getName()).isEqualTo("/tmp/plinth-escape.txt");
      case BACKSLASH_TRAVERSAL -> assertThat(e.getName()).contains("..\\..\\").doesNotContain("/");
      case SYMLINK_ESCAPE -> {
        assertThat(e.isSymbolicLink()).isTrue();
        assertThat(e.getLinkName()).isEqualTo("/tmp");
        assertThat(rest.get(1).getName()).isEqualTo("escape/plinth-escape.txt");
      }
      case HARDLINK -> {
        assertThat(e.isLink()).isTrue();
        assertThat(e.getLinkName()).isEqualTo("/etc/passwd");
      }
      case CHAR_DEVICE -> {
        assertThat(e.isCharacterDevice()).isTrue();
        assertThat(e.getDevMajor()).isEqualTo(1);
        assertThat(e.getDevMinor()).isEqualTo(3);
      }
      case BLOCK_DEVICE -> assertThat(e.isBlockDevice()).isTrue();
      case FIFO -> assertThat(e.isFIFO()).isTrue();
      case SETUID -> {
        assertThat(e.getMode() & 07000).isEqualTo(04000);
        assertThat(rest.get(1).getMode() & 07000).isEqualTo(02000);
      }
      case DUPLICATE_ENTRY -> assertThat(e.getName()).isEqualTo("plugin.toml");
      case CASE_COLLISION -> assertThat(rest).extracting(TarArchiveEntry::getName)
          .containsExactly("README.txt", "readme.txt");
      case LONG_NAME -> assertThat(e.getName().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(4096);
      case RATIO_BOMB -> assertThat(e.getSize()).isEqualTo(16L * 1024 * 1024);
      case ENTRY_COUNT_BOMB -> assertThat(rest).hasSize(20_000);
      case NUL_IN_NAME -> throw new AssertionError("no tar form");
    }
  }

  static Stream<ArchiveAttack> zipAttacks() {
    return Arrays.stream(ArchiveAttack.values()).filter(a -> a.supports(BundleFormat.ZIP));
  }

  @ParameterizedTest
  @MethodSource("zipAttacks")
  void write_zip_centralDirectoryHoldsTheAttack(ArchiveAttack attack) throws IOException {
    BuiltBundle b = HostileArchives.write(temp, attack, BundleFormat.ZIP);

    try (ZipFile zip = ZipFile.builder().setPath(b.path()).get()) {
      List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
      assertThat(entries.get(0).getName()).isEqualTo("plugin.toml");
      ZipArchiveEntry e = entries.get(1);
      switch (attack) {
        case DOT_DOT_TRAVERSAL -> assertThat(e.getName()).startsWith("../../");
        case ABSOLUTE_PATH -> assertThat(e.getName()).isEqualTo("/tmp/plinth-escape.txt");
        case BACKSLASH_TRAVERSAL -> assertThat(e.getName()).startsWith("..\\");
        case SYMLINK_ESCAPE -> {
          assertThat(e.isUnixSymlink()).isTrue();
          assertThat(zip.getUnixSymlink(e)).isEqualTo("/tmp");
        }
        case SETUID -> assertThat(e.getUnixMode() & 07000).isEqualTo(04000);
        case DUPLICATE_ENTRY -> assertThat(zip.getEntries("plugin.toml")).hasSize(2);
        case CASE_COLLISION -> assertThat(entries.get(2).getName()).isEqualTo("readme.txt");
        case LONG_NAME -> assertThat(e.getName().length()).isGreaterThan(4096);
        case NUL_IN_NAME -> assertThat(e.getName()).isEqualTo("classes/evil.jar\0.txt");
        case RATIO_BOMB -> assertThat(e.getSize() / e.getCompressedSize()).isGreaterThan(500);
        case ENTRY_COUNT_BOMB -> assertThat(entries).hasSize(20_001);
        default -> throw new AssertionError("no zip form: " + attack);
      }
    }
  }

  @Test
  void write_tarOnlyAttackAsZip_rejected() {
    assertThatThrownBy(() -> HostileArchives.write(temp, ArchiveAttack.HARDLINK, BundleFormat.ZIP))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage()).isEqualTo("format cannot carry attack HARDLINK: ZIP");
          assertThat(e.nextStep()).isEqualTo("Write this attack as TAR_GZ.");
        });
  }

  @Test
  void ratioBomb_customSize_sizeAndRatio() throws IOException {
    BuiltBundle b = HostileArchives.ratioBomb(temp, BundleFormat.TAR_GZ, 4L * 1024 * 1024);

    TarArchiveEntry bomb = ArchiveReader.tarEntries(b.path()).get(1);
    assertThat(bomb.getSize()).isEqualTo(4L * 1024 * 1024);
    assertThat(bomb.getSize() / b.size()).isGreaterThan(100);
  }

  @Test
  void entryCountBomb_customCount_thatManyEntries() throws IOException {
    BuiltBundle b = HostileArchives.entryCountBomb(temp, BundleFormat.TAR_GZ, 1500);

    assertThat(ArchiveReader.tarEntries(b.path())).hasSize(1501);
    assertThat(b.sha256File()).exists();
  }
}
