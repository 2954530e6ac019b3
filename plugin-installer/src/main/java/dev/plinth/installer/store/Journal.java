package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;

import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The write-ahead record of in-flight transactions: {@code journal/<tx>.json} is written (atomic,
 * fsynced) before each phase starts, so recovery always knows what the transaction may have
 * touched. Its absence means nothing is in flight. Callers hold the store lock.
 */
final class Journal {

  /** What kind of transaction a record belongs to. */
  enum Operation {
    /** A staged bundle becomes current (install, upgrade, downgrade). */
    INSTALL,
    /** An already kept version becomes current (operator rollback). */
    SWITCH,
    /** The plugin is removed. */
    UNINSTALL
  }

  /**
   * One transaction's record.
   *
   * @param tx the transaction (correlation) id
   * @param pluginId the plugin, empty while the stager has not yet said which
   * @param fromVersion the version current before, or null
   * @param toVersion the version becoming current, or null (uninstall, or not yet known)
   * @param phase the phase about to run
   * @param committed true once every metadata write of COMMIT is durable: recovery then finishes
   *     instead of rolling back
   * @param stagingDir the staging folder, relative to the home
   * @param versionPreexisted whether {@code versions/<toVersion>} existed before (never removed then)
   * @param priorState the plugin's state.json entry before, or null when it had none
   * @param purgeData uninstall only: remove {@code data/<id>} as well
   */
  record Entry(
      String tx,
      Operation operation,
      String pluginId,
      @Nullable String fromVersion,
      @Nullable String toVersion,
      Phase phase,
      boolean committed,
      String stagingDir,
      boolean versionPreexisted,
      @Nullable PluginState priorState,
      boolean purgeData,
      String startedAt) {
    Entry {
      requireNonNull(tx, "tx");
      requireNonNull(operation, "operation");
      requireNonNull(pluginId, "pluginId");
      requireNonNull(phase, "phase");
      requireNonNull(stagingDir, "stagingDir");
      requireNonNull(startedAt, "startedAt");
    }

    Entry at(Phase p) {
      return new Entry(tx, operation, pluginId, fromVersion, toVersion, p, committed, stagingDir,
          versionPreexisted, priorState, purgeData, startedAt);
    }

    Entry committedNow() {
      return new Entry(tx, operation, pluginId, fromVersion, toVersion, phase, true, stagingDir,
          versionPreexisted, priorState, purgeData, startedAt);
    }

    Entry forPlugin(String id, @Nullable String from, @Nullable String to, boolean preexisted, @Nullable PluginState prior) {
      return new Entry(tx, operation, id, from, to, phase, committed, stagingDir, preexisted, prior, purgeData, startedAt);
    }
  }

  private final StoreLayout layout;

  Journal(StoreLayout layout) {
    this.layout = layout;
  }

  /** A new, time-ordered transaction id. */
  static String newTxId() {
    return "tx-" + Instant.now().toEpochMilli() + "-" + AtomicFiles.randomHex();
  }

  static Entry begin(String tx, Operation op, String pluginId, boolean purgeData) {
    return new Entry(tx, op, pluginId, null, null, Phase.RESOLVE, false, "staging/" + tx, false, null,
        purgeData, Instant.now().toString());
  }

  void write(Entry e) {
    Json.writeAtomically(layout.journalFile(e.tx()), e);
  }

  void delete(String tx) {
    AtomicFiles.deleteQuietly(layout.journalFile(tx));
    AtomicFiles.fsyncDir(layout.journal());
  }

  /** Journal files present, oldest transaction first. */
  List<Path> files() {
    return StoreLayout.listNames(layout.journal(), false).stream()
        .filter(n -> n.endsWith(".json") && !n.contains(AtomicFiles.TEMP_MARKER))
        .map(n -> layout.journal().resolve(n))
        .toList();
  }

  static Entry read(Path file) throws IOException {
    return Json.read(file, Entry.class);
  }

  boolean isEmpty() {
    return files().isEmpty();
  }

  List<Entry> readAll(List<Path> unreadable) {
    List<Entry> out = new ArrayList<>();
    for (Path f : files()) {
      try {
        out.add(read(f));
      } catch (IOException | RuntimeException e) {
        unreadable.add(f);
      }
    }
    return out;
  }
}
