package dev.plinth.installer.store;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.events.JsonlEventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store's own repair steps, run by {@link PluginStore#repair()} under the store lock after a
 * full recovery. Each rebuilds a damaged metadata file only from what the versions on disk prove,
 * keeps the damaged file beside it for the operator, and reports what could not be rebuilt.
 */
final class StoreRepair {
  private StoreRepair() {}

  static List<RepairAction> run(StoreLayout layout) {
    List<RepairAction> out = new ArrayList<>();
    corruptJournals(layout, out);
    installRecords(layout, out);
    stateFile(layout, out);
    lockFile(layout, out);
    events(layout, out);
    return out;
  }

  /**
   * Journals recovery could not read were moved aside as {@code .corrupt}; the transaction they
   * described was left as it stood. They are removed here: what counts afterwards is whether every
   * plugin's current version checks clean, which {@link RepairReport#after()} says.
   */
  private static void corruptJournals(StoreLayout layout, List<RepairAction> out) {
    for (String name : StoreLayout.listNames(layout.journal(), false)) {
      if (!name.endsWith(".corrupt")) {
        continue;
      }
      AtomicFiles.deleteQuietly(layout.journal().resolve(name));
      out.add(new RepairAction(IntegrityCode.JOURNAL_CORRUPT, "", "journal/" + name,
          "removed the unreadable journal " + name, true,
          "Its transaction was not recovered: check the plugins' current versions (plinth list, plinth doctor --verify)."));
    }
  }

  /**
   * A version folder without a readable install record cannot be trusted (its source, digests and
   * signature are unknown). A kept version is removed; the current one is left for the operator.
   */
  private static void installRecords(StoreLayout layout, List<RepairAction> out) {
    for (String id : layout.pluginIds()) {
      Optional<String> current = CurrentPointer.read(layout.pluginDir(id));
      for (String v : layout.versions(id)) {
        Path dir = layout.versionDir(id, v);
        if (InstallRecord.read(dir).isPresent()) {
          continue;
        }
        String path = "plugins/" + id + "/versions/" + v + "/" + StoreLayout.INSTALL_RECORD;
        if (current.isPresent() && current.get().equals(v)) {
          out.add(new RepairAction(IntegrityCode.INSTALL_RECORD_MISSING, id, path,
              "not repaired: the current version's source, digests and signature cannot be rebuilt from its files", false,
              "Roll back to a kept version (rollback " + id + "), or " + DamagedVersions.reinstall(id, v) + "."));
        } else {
          AtomicFiles.deleteTree(dir);
          out.add(new RepairAction(IntegrityCode.INSTALL_RECORD_MISSING, id, path,
              "removed kept version " + id + "@" + v + ", whose install record is unreadable", true,
              "Reinstall " + id + "@" + v + " if you need it as a rollback target."));
        }
      }
    }
  }

  /**
   * An unreadable {@code state.json} is rebuilt with one entry per installed plugin in the state a
   * fresh install has (disabled, nothing acknowledged, not pinned): the operator's decisions were
   * in the damaged file and cannot be read back, so none is guessed.
   */
  private static void stateFile(StoreLayout layout, List<RepairAction> out) {
    try {
      StateFile.read(layout);
      return;
    } catch (InstallException e) {
      // rebuilt below
    }
    Path aside = layout.stateFile().resolveSibling("state.json.corrupt-" + System.currentTimeMillis());
    try {
      Files.move(layout.stateFile(), aside);
    } catch (IOException e) {
      out.add(new RepairAction(IntegrityCode.STATE_UNREADABLE, "", "state.json",
          "not repaired: cannot move the damaged file aside (" + e.getMessage() + ")", false,
          "Make the plugin home writable, then run doctor --repair again."));
      return;
    }
    Map<String, PluginState> rebuilt = new TreeMap<>();
    for (String id : layout.pluginIds()) {
      if (CurrentPointer.read(layout.pluginDir(id)).isPresent()) {
        rebuilt.put(id, PluginState.DEFAULT);
      }
    }
    StateFile.write(layout, rebuilt);
    out.add(new RepairAction(IntegrityCode.STATE_UNREADABLE, "", "state.json",
        "rebuilt with " + rebuilt.size() + " installed plugin(s), each disabled; the damaged file is kept as "
            + aside.getFileName(), true,
        "Enable the plugins again and acknowledge their permissions: plinth enable <id> --ack-permissions."));
  }

  private static void lockFile(StoreLayout layout, List<RepairAction> out) {
    byte[] wanted = Json.bytes(LockFile.derive(layout));
    try {
      if (Files.exists(layout.lockFile()) && Arrays.equals(Files.readAllBytes(layout.lockFile()), wanted)) {
        return;
      }
    } catch (IOException e) {
      // rewritten below
    }
    LockFile.sync(layout);
    out.add(new RepairAction(IntegrityCode.LOCK_FILE_MISMATCH, "", "plinth.lock",
        "rewritten from the current versions' install records", true,
        "None: plinth.lock now lists what is installed; commit it again if you keep it under version control."));
  }

  private static void events(StoreLayout layout, List<RepairAction> out) {
    JsonlEventSink sink = JsonlEventSink.builder(layout.eventsFile()).build();
    List<Integer> bad = sink.unreadableLines();
    if (bad.isEmpty()) {
      return;
    }
    try {
      int dropped = sink.dropUnreadableLines();
      out.add(new RepairAction(IntegrityCode.EVENTS_LINE_UNREADABLE, "", "events.jsonl",
          "removed " + dropped + " unreadable line(s) (line " + bad.get(0) + " first)", true,
          "None: the events on those lines were cut short when written and are lost."));
    } catch (IOException e) {
      out.add(new RepairAction(IntegrityCode.EVENTS_LINE_UNREADABLE, "", "events.jsonl",
          "not repaired: " + e.getMessage(), false, "Make the plugin home writable, then run doctor --repair again."));
    }
  }
}
