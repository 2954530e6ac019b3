package dev.plinth.installer.store;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The install-time index read against the store: the entries that may be trusted and every
 * problem with the others. Boot takes the manifests of {@link #entries()} as they are and the full
 * path (reading {@code plugin.toml}) for every plugin named in {@link #problems()}.
 *
 * @param current every installed plugin's current version, by id (read from the pointers)
 * @param entries trusted entries by plugin id: their version is current and their digests match
 * @param problems every missing, stale, tampered or corrupt entry (or the whole file)
 * @param restamp plugin ids whose entry is trusted (its pointer was read and its {@code plugin.toml}
 *     is unchanged) but whose recorded file stamp no longer matches, e.g. after the home was copied
 *     or restored; {@link PluginStore#refreshIndex()} records the new stamps
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record IndexCheck(
    Map<String, String> current, Map<String, IndexEntry> entries, List<IntegrityReport.Problem> problems,
    java.util.Set<String> restamp) {
  public IndexCheck {
    // Sorted, and seen as sorted: copying it into a TreeMap (host.toml is written from it) takes no sort.
    current = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(current));
    entries = Map.copyOf(entries);
    problems = List.copyOf(problems);
    restamp = java.util.Set.copyOf(restamp);
  }

  /** A check with nothing to restamp. */
  public IndexCheck(
      Map<String, String> current, Map<String, IndexEntry> entries, List<IntegrityReport.Problem> problems) {
    this(current, entries, problems, java.util.Set.of());
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** Whether a {@link PluginStore#refreshIndex()} would change the file: a problem or a stamp to record. */
  public boolean needsRefresh() {
    return !problems.isEmpty() || !restamp.isEmpty();
  }

  /**
   * What {@link PluginStore#rebuildIndex} did.
   *
   * @param written plugin ids whose entry was (re)computed from {@code plugin.toml}
   * @param kept plugin ids whose entry was valid and kept
   * @param removed plugin ids whose entry was dropped (no longer installed)
   * @param unindexed plugin ids that could not be indexed (their manifest is unreadable or invalid);
   *     boot takes the full path for them and reports why
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Rebuild(List<String> written, List<String> kept, List<String> removed, List<String> unindexed) {
    public Rebuild {
      written = List.copyOf(requireNonNull(written, "written"));
      kept = List.copyOf(requireNonNull(kept, "kept"));
      removed = List.copyOf(requireNonNull(removed, "removed"));
      unindexed = List.copyOf(requireNonNull(unindexed, "unindexed"));
    }
  }
}
