package dev.plinth.installer.store;

import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.events.JsonlEventSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apiguardian.api.API;

/**
 * The store's invariants, checked from the files alone (the doctor's store section): every
 * {@code current} resolves to a committed version whose files hash to what {@code .install.json}
 * recorded; every kept version has its record; nothing is left in {@code staging/} or
 * {@code journal/}; {@code plinth.lock} agrees with the current versions; {@code state.json} reads.
 *
 * <p>Read-only and lock-free: run it on a quiet home (a live transaction shows up as staging and
 * journal problems). Thread-safe. Re-hashes every file of every current version.
 */
@API(status = STABLE, since = "0.1")
public final class StoreIntegrity {
  private StoreIntegrity() {}

  /** Checks the home at {@code home}. */
  public static IntegrityReport check(Path home) {
    StoreLayout layout = new StoreLayout(home);
    List<IntegrityReport.Problem> out = new ArrayList<>();
    List<String> ids = layout.pluginIds();
    for (String id : ids) {
      checkPlugin(layout, id, out);
    }
    for (String name : StoreLayout.listNames(layout.staging(), false)) {
      out.add(problem(IntegrityCode.STAGING_LEFT, "", "staging/" + name, "staging entry left: " + name,
          "Open the store (it removes orphans), or delete it when no install runs."));
    }
    for (String name : StoreLayout.listNames(layout.journal(), false)) {
      if (name.endsWith(".corrupt")) {
        out.add(problem(IntegrityCode.JOURNAL_CORRUPT, "", "journal/" + name,
            "journal of an interrupted transaction is unreadable: " + name,
            "Run doctor --repair (it removes the journal), then check the current versions with doctor --verify."));
        continue;
      }
      out.add(problem(IntegrityCode.JOURNAL_LEFT, "", "journal/" + name,
          "journal left by an interrupted transaction: " + name,
          "Open the store to recover it; a .corrupt journal needs a manual look at the plugin it names."));
    }
    checkLock(layout, out);
    out.addAll(IndexFile.check(layout, IndexFile.Check.FULL).problems());
    try {
      StateFile.read(layout);
    } catch (InstallException e) {
      out.add(problem(IntegrityCode.STATE_UNREADABLE, "", "state.json", String.valueOf(e.getMessage()),
          "Run doctor --repair (it rebuilds state.json with every installed plugin disabled), or restore it from a backup."));
    }
    List<Integer> torn = JsonlEventSink.builder(layout.eventsFile()).build().unreadableLines();
    if (!torn.isEmpty()) {
      out.add(problem(IntegrityCode.EVENTS_LINE_UNREADABLE, "", "events.jsonl",
          "events.jsonl has " + torn.size() + " unreadable line(s), first at line: " + torn.get(0),
          "Run doctor --repair (it removes the unreadable lines; reading already skips them)."));
    }
    return new IntegrityReport(layout.home(), ids.size(), out);
  }

  private static void checkPlugin(StoreLayout layout, String id, List<IntegrityReport.Problem> out) {
    String base = "plugins/" + id;
    Optional<String> current = CurrentPointer.read(layout.pluginDir(id));
    for (String v : layout.versions(id)) {
      if (InstallRecord.read(layout.versionDir(id, v)).isEmpty()) {
        out.add(problem(IntegrityCode.INSTALL_RECORD_MISSING, id, base + "/versions/" + v + "/" + StoreLayout.INSTALL_RECORD,
            "version folder has no readable install record: " + id + "@" + v,
            DamagedVersions.wayBackSentence(id, v) + "; a kept version that is not current can simply be removed."));
      }
    }
    if (current.isEmpty()) {
      if (!layout.versions(id).isEmpty()) {
        out.add(problem(IntegrityCode.POINTER_MISSING, id, base + "/current",
            "plugin has versions but no current pointer: " + id,
            "Roll back to one of its versions: rollback " + id + " <version>."));
      }
      return;
    }
    String v = current.get();
    Path dir = layout.versionDir(id, v);
    if (!Files.isDirectory(dir)) {
      out.add(problem(IntegrityCode.POINTER_DANGLING, id, base + "/current",
          "current points at a missing version: " + id + "@" + v,
          "Roll back to a kept version, or reinstall " + id + "."));
      return;
    }
    InstallRecord record = InstallRecord.read(dir).orElse(null);
    if (record == null) {
      return;
    }
    Map<String, String> actual = TreeDigest.hashFiles(dir, StoreLayout.INSTALL_RECORD);
    String rel = base + "/versions/" + v + "/";
    TreeSet<String> all = new TreeSet<>(record.files().keySet());
    all.addAll(actual.keySet());
    for (String f : all) {
      String want = record.files().get(f);
      String got = actual.get(f);
      if (got == null) {
        out.add(problem(IntegrityCode.FILE_MISSING, id, rel + f, "recorded file is missing: " + f,
            DamagedVersions.wayBackSentence(id, v) + "."));
      } else if (want == null) {
        out.add(problem(IntegrityCode.FILE_UNEXPECTED, id, rel + f, "file not in the install record: " + f,
            "Remove it, or " + DamagedVersions.wayBack(id, v) + "."));
      } else if (!want.equals(got)) {
        out.add(problem(IntegrityCode.FILE_MODIFIED, id, rel + f, "file sha256 is " + got + ", recorded " + want + ": " + f,
            DamagedVersions.wayBackSentence(id, v) + "; find out what changed the file."));
      }
    }
  }

  private static void checkLock(StoreLayout layout, List<IntegrityReport.Problem> out) {
    byte[] wanted = Json.bytes(LockFile.derive(layout));
    byte[] actual;
    try {
      actual = Files.exists(layout.lockFile()) ? Files.readAllBytes(layout.lockFile()) : new byte[0];
    } catch (java.io.IOException e) {
      actual = new byte[0];
    }
    if (!Arrays.equals(wanted, actual)) {
      out.add(problem(IntegrityCode.LOCK_FILE_MISMATCH, "", "plinth.lock",
          "plinth.lock does not match the current versions: " + layout.lockFile(),
          "Open the store (it rewrites the lock file from the current versions)."));
    }
  }

  private static IntegrityReport.Problem problem(IntegrityCode code, String id, String path, String message, String next) {
    return new IntegrityReport.Problem(code, id, path, message, next);
  }
}
