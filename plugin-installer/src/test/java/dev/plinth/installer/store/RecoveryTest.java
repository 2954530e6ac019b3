package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery from journals left in states a crash can produce, crafted directly. */
class RecoveryTest {
  @TempDir Path tmp;
  StoreFixture fx;
  StoreLayout layout;

  @BeforeEach
  void setUp() {
    fx = new StoreFixture(tmp);
    layout = new StoreLayout(fx.home);
  }

  @Test
  void open_committedJournalWithLeftovers_finishesOnNewVersion() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    // crash after the commit mark: journal still there, staging not yet removed
    Journal.Entry e = new Journal.Entry("tx-1-aa", Journal.Operation.INSTALL, "alpha", "1.0.0", "2.0.0",
        Phase.COMMIT, true, "staging/tx-1-aa", false, PluginState.DEFAULT, false, Instant.now().toString());
    new Journal(layout).write(e);
    Files.createDirectories(fx.home.resolve("staging/tx-1-aa/bundle"));
    Files.writeString(fx.home.resolve("staging/tx-1-aa/bundle/x"), "x");

    fx.open(PointerStyle.SYMLINK);

    assertThat(CurrentPointer.read(layout.pluginDir("alpha"))).contains("2.0.0");
    assertThat(layout.versions("alpha")).containsExactly("1.0.0", "2.0.0");
    assertThat(fx.home.resolve("staging")).isEmptyDirectory();
    assertThat(fx.home.resolve("journal")).isEmptyDirectory();
    assertThat(fx.events("recovered")).singleElement()
        .satisfies(ev -> assertThat(ev.detail()).containsEntry("action", "completed").containsEntry("phase", "commit"));
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @Test
  void open_uncommittedJournalAfterStateWrite_restoresPointerVersionsStateAndLock() throws Exception {
    PluginStore store = fx.open(PointerStyle.POINTER_FILE);
    store.install(InstallRequest.of(fx.bundle("alpha", "1.0.0")).withEnable(true));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    // simulate: v2 moved in, pointer switched, state and lock rewritten, crash before the commit mark
    store.install(InstallRequest.of(fx.bundle("alpha", "2.0.0")).withAcknowledgePermissions(true));
    Journal.Entry e = new Journal.Entry("tx-2-bb", Journal.Operation.INSTALL, "alpha", "1.0.0", "2.0.0",
        Phase.COMMIT, false, "staging/tx-2-bb", false, new PluginState(true, null, null), false, Instant.now().toString());
    new Journal(layout).write(e);
    assertThat(StateFile.read(layout).get("alpha").acknowledgedPermissions()).isNotNull();

    fx.open(PointerStyle.POINTER_FILE);

    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(StateFile.read(layout).get("alpha")).isEqualTo(new PluginState(true, null, null));
  }

  @Test
  void open_orphanStagingTempFilesAndEmptyPluginFolder_areRemoved() throws Exception {
    fx.open(PointerStyle.SYMLINK).install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    Files.createDirectories(fx.home.resolve("staging/tx-9-cc/bundle"));
    Files.createDirectories(fx.home.resolve("staging/trash-123/lib"));
    Files.writeString(fx.home.resolve(".state.json" + AtomicFiles.TEMP_MARKER + "abcd"), "{");
    Files.writeString(fx.home.resolve("journal/.tx-9.json" + AtomicFiles.TEMP_MARKER + "abcd"), "{");
    Files.createSymbolicLink(fx.home.resolve("plugins/alpha/.current" + AtomicFiles.TEMP_MARKER + "abcd"), Path.of("versions/9.9.9"));
    Files.createDirectories(fx.home.resolve("plugins/ghost/versions"));

    fx.open(PointerStyle.SYMLINK);

    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
  }

  @Test
  void open_unreadableJournal_isQuarantinedAndReportedByIntegrity() throws Exception {
    fx.open(PointerStyle.SYMLINK);
    Files.writeString(fx.home.resolve("journal/tx-3-dd.json"), "{not json");

    fx.open(PointerStyle.SYMLINK);

    assertThat(fx.home.resolve("journal/tx-3-dd.json.corrupt")).exists();
    assertThat(StoreIntegrity.check(fx.home).problems()).extracting(IntegrityReport.Problem::code)
        .containsExactly(IntegrityCode.JOURNAL_CORRUPT);
  }

  @Test
  void recover_runTwice_isIdempotent() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    Map<String, String> before = HomeSnapshot.of(fx.home);
    // a fresh install interrupted in COMMIT after state and lock were written, before the mark
    // (and so before data/beta is created)
    store.install(FolderStagerRequests.of(fx.bundle("beta", "1.0.0")));
    Journal.Entry e = new Journal.Entry("tx-4-ee", Journal.Operation.INSTALL, "beta", null, "1.0.0",
        Phase.COMMIT, false, "staging/tx-4-ee", false, null, false, Instant.now().toString());
    new Journal(layout).write(e);
    Files.delete(fx.home.resolve("data/beta"));

    fx.open(PointerStyle.SYMLINK);
    new Journal(layout).write(e);
    fx.open(PointerStyle.SYMLINK);

    assertThat(HomeSnapshot.of(fx.home)).isEqualTo(before);
    assertThat(fx.events("recovered")).hasSize(2);
  }
}
