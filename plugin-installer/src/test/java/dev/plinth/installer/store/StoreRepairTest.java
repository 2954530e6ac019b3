package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.installer.events.JsonlEventSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted store metadata: each damaged file is detected by the integrity check (the doctor's
 * store section) with a next step, and {@link PluginStore#repair()} rebuilds it where the versions
 * on disk prove what it should hold. The damage is real truncation of the files a store wrote.
 */
class StoreRepairTest {
  @TempDir Path tmp;
  StoreFixture fx;

  @BeforeEach
  void setUp() {
    fx = new StoreFixture(tmp);
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.1.0")));
    store.updateState("alpha", s -> s.withEnabled(true));
  }

  private static void truncate(Path file, int keep) throws Exception {
    byte[] all = Files.readAllBytes(file);
    assertThat(all.length).as("bytes in %s", file).isGreaterThan(keep);
    Files.write(file, Arrays.copyOf(all, keep));
  }

  private static List<IntegrityCode> codes(IntegrityReport report) {
    return report.problems().stream().map(IntegrityReport.Problem::code).toList();
  }

  @Test
  void repair_truncatedStateJson_rebuildsItWithInstalledPluginsDisabledAndKeepsTheDamagedFile() throws Exception {
    truncate(fx.home.resolve("state.json"), 12);

    IntegrityReport before = StoreIntegrity.check(fx.home);
    assertThat(codes(before)).containsExactly(IntegrityCode.STATE_UNREADABLE);
    assertThat(before.problems().get(0).nextStep()).contains("doctor --repair");

    RepairReport report = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(report.actions()).extracting(RepairAction::code, RepairAction::path, RepairAction::repaired)
        .containsExactly(tuple(IntegrityCode.STATE_UNREADABLE, "state.json", true));
    assertThat(report.actions().get(0).nextStep()).contains("enable");
    assertThat(report.ok()).isTrue();
    PluginStore reopened = fx.open(PointerStyle.SYMLINK);
    assertThat(reopened.state()).containsOnlyKeys("alpha");
    assertThat(reopened.state().get("alpha")).isEqualTo(PluginState.DEFAULT);
    try (var files = Files.list(fx.home)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("state.json.corrupt-"));
    }
  }

  @Test
  void repair_corruptIndexAfterOpen_rebuildsItAndReportsTheAction() throws Exception {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    truncate(fx.home.resolve("index.json"), 10);
    assertThat(store.checkIndex().ok()).isFalse();

    RepairReport report = store.repair();

    assertThat(report.actions()).extracting(RepairAction::code, RepairAction::repaired)
        .containsExactly(tuple(IntegrityCode.INDEX_CORRUPT, true));
    assertThat(store.checkIndex().ok()).isTrue();
    assertThat(store.checkIndex().entries()).containsOnlyKeys("alpha");
    assertThat(store.checkIndex().entries().get("alpha").version()).isEqualTo("1.1.0");
  }

  @Test
  void repair_truncatedJournal_isQuarantinedOnOpenReportedAndRemoved() throws Exception {
    // A journal as a transaction leaves it, cut short as a torn write would leave it.
    Journal.Entry e = Journal.begin("tx-1-deadbeef", Journal.Operation.INSTALL, "alpha", false);
    Path journal = fx.home.resolve("journal/tx-1-deadbeef.json");
    Files.write(journal, Json.bytes(e));
    truncate(journal, 40);

    PluginStore store = fx.open(PointerStyle.SYMLINK);
    IntegrityReport opened = store.checkIntegrity();
    assertThat(opened.problems()).extracting(IntegrityReport.Problem::code, IntegrityReport.Problem::path)
        .containsExactly(tuple(IntegrityCode.JOURNAL_CORRUPT, "journal/tx-1-deadbeef.json.corrupt"));

    RepairReport report = store.repair();

    assertThat(report.actions()).extracting(RepairAction::code).containsExactly(IntegrityCode.JOURNAL_CORRUPT);
    assertThat(report.after().ok()).isTrue();
    assertThat(store.currentDir("alpha")).hasValue(fx.home.resolve("plugins/alpha/versions/1.1.0"));
  }

  @Test
  void repair_truncatedRecordOfKeptVersion_removesThatVersionAndLeavesCurrent() throws Exception {
    truncate(fx.home.resolve("plugins/alpha/versions/1.0.0/.install.json"), 30);
    assertThat(codes(StoreIntegrity.check(fx.home))).containsExactly(IntegrityCode.INSTALL_RECORD_MISSING);

    RepairReport report = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(report.actions()).extracting(RepairAction::code, RepairAction::pluginId, RepairAction::repaired)
        .containsExactly(tuple(IntegrityCode.INSTALL_RECORD_MISSING, "alpha", true));
    assertThat(report.ok()).isTrue();
    assertThat(fx.home.resolve("plugins/alpha/versions/1.0.0")).doesNotExist();
    assertThat(fx.home.resolve("plugins/alpha/versions/1.1.0/plugin.toml")).exists();
  }

  @Test
  void repair_truncatedRecordOfCurrentVersion_isReportedNotRepairedWithNextStep() throws Exception {
    truncate(fx.home.resolve("plugins/alpha/versions/1.1.0/.install.json"), 30);

    RepairReport report = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(report.actions()).extracting(RepairAction::code, RepairAction::repaired)
        .containsExactly(tuple(IntegrityCode.INSTALL_RECORD_MISSING, false));
    assertThat(report.actions().get(0).nextStep()).contains("rollback alpha").contains("uninstall alpha").contains("install alpha@1.1.0 again");
    assertThat(report.ok()).isFalse();
    assertThat(codes(report.after())).contains(IntegrityCode.INSTALL_RECORD_MISSING);
    assertThat(fx.home.resolve("plugins/alpha/versions/1.1.0/plugin.toml")).exists();
  }

  @Test
  void repair_eventsWithTornLastLine_dropsTheTornLineAndLaterEventsStillRead() throws Exception {
    Path events = fx.home.resolve("events.jsonl");
    long before = fx.events("installed").size();
    Files.writeString(events, "{\"type\":\"installed\",\"plugin\":\"alp", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    IntegrityReport report = StoreIntegrity.check(fx.home);
    assertThat(codes(report)).containsExactly(IntegrityCode.EVENTS_LINE_UNREADABLE);
    assertThat(report.problems().get(0).message()).contains("first at line: ");

    RepairReport repaired = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(repaired.actions()).extracting(RepairAction::code, RepairAction::repaired)
        .containsExactly(tuple(IntegrityCode.EVENTS_LINE_UNREADABLE, true));
    assertThat(repaired.after().ok()).isTrue();
    assertThat(Files.readString(events)).endsWith("\n").doesNotContain("\"plugin\":\"alp\n");
    assertThat(fx.events("installed")).hasSize((int) before);
    assertThat(JsonlEventSink.builder(events).build().unreadableLines()).isEmpty();
  }

  @Test
  void open_truncatedLockFile_isReportedThenRewrittenFromTheInstallRecords() throws Exception {
    Path lock = fx.home.resolve("plinth.lock");
    byte[] good = Files.readAllBytes(lock);
    truncate(lock, 20);
    assertThat(codes(StoreIntegrity.check(fx.home))).containsExactly(IntegrityCode.LOCK_FILE_MISMATCH);

    RepairReport report = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(report.ok()).isTrue();
    assertThat(Files.readAllBytes(lock)).isEqualTo(good);
  }

  @Test
  void repair_stepsGivenToTheBuilder_runAfterTheStoresOwnInOrder() throws Exception {
    truncate(fx.home.resolve("state.json"), 5);
    RepairAction joined = new RepairAction(IntegrityCode.FILE_MISSING, "", "index.json", "rebuilt the index", true, "None.");
    List<Path> seen = new java.util.ArrayList<>();

    RepairReport report = fx.builder(PointerStyle.SYMLINK).repairStep(home -> {
      seen.add(home);
      return List.of(joined);
    }).build().repair();

    assertThat(seen).containsExactly(fx.home);
    assertThat(report.actions()).extracting(RepairAction::code)
        .containsExactly(IntegrityCode.STATE_UNREADABLE, IntegrityCode.FILE_MISSING);
  }

  @Test
  void repair_soundHome_changesNothing() throws Exception {
    byte[] state = Files.readAllBytes(fx.home.resolve("state.json"));

    RepairReport report = fx.open(PointerStyle.SYMLINK).repair();

    assertThat(report.actions()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(Files.readAllBytes(fx.home.resolve("state.json"))).isEqualTo(state);
  }
}
