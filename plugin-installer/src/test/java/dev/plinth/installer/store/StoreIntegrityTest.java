package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreIntegrityTest {
  @TempDir Path tmp;
  StoreFixture fx;
  Path v1;

  @BeforeEach
  void setUp() {
    fx = new StoreFixture(tmp);
    fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    v1 = fx.home.resolve("plugins/alpha/versions/1.0.0");
  }

  @Test
  void check_consistentHome_reportsNothing() {
    IntegrityReport r = StoreIntegrity.check(fx.home);
    assertThat(r.ok()).isTrue();
    assertThat(r.pluginsChecked()).isEqualTo(1);
  }

  @Test
  void check_modifiedMissingAndExtraFiles_reportsEachWithItsPath() throws Exception {
    Files.writeString(v1.resolve("classes/com/example/Main.class"), "patched");
    Files.delete(v1.resolve("lib/dep.jar"));
    Files.writeString(v1.resolve("lib/evil.jar"), "x");

    assertThat(StoreIntegrity.check(fx.home).problems())
        .extracting(IntegrityReport.Problem::code, IntegrityReport.Problem::pluginId, IntegrityReport.Problem::path)
        .containsExactly(
            tuple(IntegrityCode.FILE_MODIFIED, "alpha", "plugins/alpha/versions/1.0.0/classes/com/example/Main.class"),
            tuple(IntegrityCode.FILE_MISSING, "alpha", "plugins/alpha/versions/1.0.0/lib/dep.jar"),
            tuple(IntegrityCode.FILE_UNEXPECTED, "alpha", "plugins/alpha/versions/1.0.0/lib/evil.jar"));
  }

  @Test
  void check_danglingPointer_reportsPointerDanglingAndLockMismatch() throws Exception {
    Path link = fx.home.resolve("plugins/alpha/current");
    Files.delete(link);
    Files.createSymbolicLink(link, Path.of("versions/9.9.9"));

    assertThat(StoreIntegrity.check(fx.home).problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.POINTER_DANGLING, IntegrityCode.LOCK_FILE_MISMATCH,
            IntegrityCode.INDEX_ENTRY_STALE);
  }

  @Test
  void check_leftoversAndBadFiles_reportsEachKind() throws Exception {
    Files.delete(fx.home.resolve("plugins/alpha/current"));
    Files.createDirectories(fx.home.resolve("staging/tx-1"));
    Files.writeString(fx.home.resolve("journal/tx-1.json"), "{}");
    Files.writeString(fx.home.resolve("state.json"), "{");
    Files.createDirectories(fx.home.resolve("plugins/alpha/versions/2.0.0"));

    assertThat(StoreIntegrity.check(fx.home).problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.INSTALL_RECORD_MISSING, IntegrityCode.POINTER_MISSING,
            IntegrityCode.STAGING_LEFT, IntegrityCode.JOURNAL_LEFT, IntegrityCode.LOCK_FILE_MISMATCH,
            IntegrityCode.INDEX_ENTRY_STALE, IntegrityCode.STATE_UNREADABLE);
  }
}
