package dev.plinth.installer.store;

import dev.plinth.installer.store.IndexFormat.Raw;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code <home>/index.json}, the install-time index: per installed plugin, what boot needs that
 * cannot change after its version was committed, in the format {@link IndexFormat} reads and
 * writes. Like {@code
 * plinth.lock}, the index is derived and rewritten atomically by the store after every change
 * ({@link StoreMetadata#sync}); an entry is trusted only when its version is current, its own
 * checksum matches and its {@code plugin.toml} is unchanged: boot ({@link Check#FAST}) compares the
 * file's size and last-modified time, the integrity check and every rewrite ({@link Check#FULL})
 * its sha256. At boot one stat of {@code plugins/<id>/current/plugin.toml} does both: when the file
 * it reaches has the entry's stamp, size and time, it is the entry's own file (another version's
 * file has another inode or change time), so the link needs no readlink; otherwise boot reads the
 * pointer and checks as above, and an entry that is still right but whose stamp changed (a copied
 * or restored home) is listed in {@link IndexCheck#restamp()} for the next refresh.
 * Stateless and thread-safe; writes happen under the store lock.
 */
final class IndexFile {
  /** What boot reads of {@code plugin.toml} through the {@code current} link: one stat. */
  private static final String UNIX_ATTRIBUTES = "unix:dev,ino,ctime,size,lastModifiedTime";

  private IndexFile() {}

  /** How an entry's {@code plugin.toml} is compared with the file. */
  enum Check {
    /** Size and last-modified time: one stat per plugin (boot). */
    FAST,
    /** The sha256 of the file's bytes (integrity check, rewrites). */
    FULL
  }

  /** Reads the index and checks every entry against the store; never throws for a bad file. */
  static IndexCheck check(StoreLayout layout, Check how) {
    List<IntegrityReport.Problem> problems = new ArrayList<>();
    return check(layout, how, readRaw(layout, problems), problems);
  }

  private static IndexCheck check(
      StoreLayout layout, Check how, @Nullable Map<String, Raw> raw, List<IntegrityReport.Problem> problems) {
    Map<String, IndexEntry> ok = new HashMap<>();
    Map<String, String> current = new TreeMap<>();
    Set<String> restamp = new HashSet<>();
    // Names only: a pointer read fails for anything that is not a plugin folder, so the listing
    // needs no stat per name.
    for (String id : StoreLayout.listNames(layout.plugins(), false)) {
      if (!StoreLayout.isId(id)) {
        continue;
      }
      Raw node = raw == null ? null : raw.get(id);
      Seen seen = how == Check.FAST && node != null && node.manifestStamp() != null ? throughLink(layout, id) : null;
      if (seen != null && seen.matches(node)) {
        // One stat through the link found the very file the entry was made from, unchanged: the
        // link names the entry's version, and no readlink is needed.
        IndexEntry e = decodeQuietly(id, node);
        if (e != null) {
          current.put(id, e.version());
          ok.put(id, e);
          continue;
        }
      }
      Optional<String> version;
      try {
        version = CurrentPointer.read(layout.pluginDir(id));
      } catch (UncheckedIOException e) {
        continue; // not a folder, or an unreadable pointer: the integrity check reports it; no entry
      }
      if (version.isEmpty()) {
        continue;
      }
      current.put(id, version.get());
      if (raw == null) {
        continue;
      }
      IndexEntry e = checked(layout, id, version.get(), node, how, problems);
      if (e != null) {
        ok.put(id, e);
        Seen now = how != Check.FAST ? null : seen != null ? seen : throughLink(layout, id);
        if (now != null && now.stamp() != null && !now.stamp().equals(e.manifestStamp())) {
          restamp.add(id); // trusted after reading the pointer; the next refresh records the file's stamp
        }
      }
    }
    if (raw != null) {
      for (String id : raw.keySet()) {
        if (!current.containsKey(id)) {
          problems.add(problem(dev.plinth.installer.store.IntegrityCode.INDEX_ENTRY_STALE, id,
              "index entry names a plugin that is not installed: " + id));
        }
      }
    }
    return new IndexCheck(current, ok, problems, restamp);
  }

  /** One stat of {@code plugin.toml} through the {@code current} link. */
  private record Seen(@Nullable String stamp, long size, long modified) {
    boolean matches(Raw node) {
      return stamp != null && stamp.equals(node.manifestStamp()) && node.version() != null
          && Long.valueOf(size).equals(node.manifestSize()) && Long.valueOf(modified).equals(node.manifestModified());
    }
  }

  /** Null when the link cannot be followed (a pointer file, no link) or the file system has no unix view. */
  private static @Nullable Seen throughLink(StoreLayout layout, String id) {
    try {
      return seen(Files.readAttributes(
          layout.pluginDir(id).resolve(CurrentPointer.LINK).resolve(ManifestParser.FILE_NAME), UNIX_ATTRIBUTES));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable Seen seen(Map<String, Object> a) {
    Object size = a.get("size");
    Object modified = a.get("lastModifiedTime");
    if (!(size instanceof Long sz) || !(modified instanceof FileTime mt)) {
      return null;
    }
    return new Seen(stamp(a), sz, mt.toMillis());
  }

  /**
   * A file's identity: device, inode and change time in nanoseconds. A file written again, or
   * another version's file, has another inode or change time, which no tool sets back.
   */
  private static @Nullable String stamp(Map<String, Object> a) {
    Object dev = a.get("dev");
    Object ino = a.get("ino");
    Object ctime = a.get("ctime");
    if (dev == null || ino == null || !(ctime instanceof FileTime ct)) {
      return null;
    }
    return dev + ":" + ino + ":" + ct.to(TimeUnit.NANOSECONDS);
  }

  private static @Nullable IndexEntry decodeQuietly(String id, Raw node) {
    try {
      return IndexFormat.decode(id, node);
    } catch (IOException | RuntimeException e) {
      return null; // the full check below reports it
    }
  }

  /**
   * Rewrites the index: valid entries are kept (unless {@code full}), the others computed from the
   * current versions' {@code plugin.toml}. Skips the write when nothing changed. Under the store lock.
   */
  static IndexCheck.Rebuild refresh(StoreLayout layout, boolean full, @Nullable BootFactsProvider facts) {
    List<IntegrityReport.Problem> problems = new ArrayList<>();
    Map<String, Raw> raw = readRaw(layout, problems);
    IndexCheck check = full ? new IndexCheck(Map.of(), Map.of(), List.of()) : check(layout, Check.FAST, raw, problems);
    Map<String, IndexEntry> next = new TreeMap<>();
    List<String> written = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> unindexed = new ArrayList<>();
    Map<String, String> current = full ? currentVersions(layout) : check.current();
    current.forEach((id, v) -> {
      IndexEntry valid = check.entries().get(id);
      if (valid != null && !check.restamp().contains(id) && (facts == null || valid.bootFacts() != null
          && valid.bootFacts().checkKey().equals(facts.checkKey()))) {
        next.put(id, valid);
        kept.add(id);
        return;
      }
      Optional<IndexEntry> computed = compute(layout, id, v, facts);
      computed.ifPresentOrElse(e -> {
        next.put(id, e);
        written.add(id);
      }, () -> unindexed.add(id));
    });
    List<String> removed = raw == null ? List.of()
        : raw.keySet().stream().filter(id -> !current.containsKey(id)).sorted().toList();
    if (!full && check.ok() && written.isEmpty() && unindexed.isEmpty() && removed.isEmpty()) {
      // Every entry was checked and kept: the file already says exactly this (a store opening
      // costs one read of the index instead of serialising every manifest again).
      return new IndexCheck.Rebuild(written, kept, removed, unindexed);
    }
    byte[] wanted = IndexFormat.encode(next);
    try {
      if (Files.exists(layout.indexFile()) && Arrays.equals(Files.readAllBytes(layout.indexFile()), wanted)) {
        return new IndexCheck.Rebuild(written, kept, removed, unindexed);
      }
    } catch (IOException e) {
      // rewrite below
    }
    AtomicFiles.write(layout.indexFile(), wanted);
    return new IndexCheck.Rebuild(written, kept, removed, unindexed);
  }

  /** The entry of one version, from its {@code plugin.toml} and install record; empty when either is unusable. */
  static Optional<IndexEntry> compute(StoreLayout layout, String id, String version, @Nullable BootFactsProvider facts) {
    Path dir = layout.versionDir(id, version);
    Path toml = dir.resolve(ManifestParser.FILE_NAME);
    Optional<InstallRecord> record = InstallRecord.read(dir);
    if (record.isEmpty() || !Files.isRegularFile(toml)) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(toml, BasicFileAttributes.class);
      String stamp = stampOf(toml);
      String sha = TreeDigest.sha256(toml);
      ManifestReport report = ManifestParser.parse(toml);
      return report.manifest()
          .filter(m -> m.id().equals(id) && m.version().equals(version))
          .map(m -> new IndexEntry(id, version, record.get().treeSha256(), sha, attrs.size(),
              attrs.lastModifiedTime().toMillis(), m, facts == null ? null : bootFacts(facts, m, dir), stamp));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static @Nullable String stampOf(Path file) throws IOException {
    try {
      return stamp(Files.readAttributes(file, UNIX_ATTRIBUTES));
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no unix view: boot reads the pointer instead
    }
  }

  /** The provider's facts; none when it throws (it must not, but the index is never worth a failed commit). */
  private static @Nullable BootFacts bootFacts(BootFactsProvider facts, PluginManifest m, Path dir) {
    try {
      return facts.compute(m, dir).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static @Nullable IndexEntry checked(
      StoreLayout layout, String id, String version, @Nullable Raw node, Check how,
      List<IntegrityReport.Problem> problems) {
    if (node == null) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_MISSING, id, "index has no entry for " + id + "@" + version));
      return null;
    }
    IndexEntry e;
    try {
      e = IndexFormat.decode(id, node);
    } catch (IOException | RuntimeException ex) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_TAMPERED, id,
          "index entry of " + id + " does not match its checksum or cannot be read: " + ex.getMessage()));
      return null;
    }
    if (!e.version().equals(version)) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_STALE, id,
          "index entry of " + id + " names version " + e.version() + ", current is: " + version));
      return null;
    }
    Path toml = layout.versionDir(id, version).resolve(ManifestParser.FILE_NAME);
    String found;
    String indexed;
    try {
      if (how == Check.FULL) {
        found = TreeDigest.sha256(toml);
        indexed = e.manifestSha256();
      } else {
        BasicFileAttributes attrs = Files.readAttributes(toml, BasicFileAttributes.class);
        found = attrs.size() + " bytes modified " + attrs.lastModifiedTime().toMillis();
        indexed = e.manifestSize() + " bytes modified " + e.manifestModified();
      }
    } catch (IOException ex) {
      found = "unreadable";
      indexed = how == Check.FULL ? e.manifestSha256() : "readable";
    }
    if (!found.equals(indexed)) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_TAMPERED, id,
          "plugin.toml of " + id + "@" + version + " is " + found + ", indexed: " + indexed));
      return null;
    }
    return e;
  }

  /** The {@code plugins} object by id; null (with a problem) when the file is missing or unreadable. */
  private static @Nullable Map<String, Raw> readRaw(StoreLayout layout, List<IntegrityReport.Problem> problems) {
    Path file = layout.indexFile();
    try {
      return IndexFormat.parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      problems.add(problem(IntegrityCode.INDEX_MISSING, "", "index.json is missing: " + file));
    } catch (IOException | RuntimeException e) {
      problems.add(problem(IntegrityCode.INDEX_CORRUPT, "", "index.json must be JSON with index_version " + IndexFormat.VERSION
          + ", this build's manifest_shape and a plugins object (" + Json.describe(e) + "): " + file));
    }
    return null;
  }

  static Map<String, String> currentVersions(StoreLayout layout) {
    Map<String, String> out = new TreeMap<>();
    // Names only: the pointer read below fails for anything that is not a plugin folder, so the
    // listing needs no stat per name (one readlink per plugin in all).
    for (String id : StoreLayout.listNames(layout.plugins(), false)) {
      if (!StoreLayout.isId(id)) {
        continue;
      }
      try {
        CurrentPointer.read(layout.pluginDir(id)).ifPresent(v -> out.put(id, v));
      } catch (UncheckedIOException e) {
        // not a folder, or an unreadable pointer: the integrity check reports it; no entry
      }
    }
    return out;
  }

  private static IntegrityReport.Problem problem(IntegrityCode code, String id, String message) {
    return new IntegrityReport.Problem(code, id, "index.json", message,
        "Rebuild the index (PluginStore.rebuildIndex, or open the store again); boot reads plugin.toml for the"
            + " plugins concerned until then.");
  }
}
