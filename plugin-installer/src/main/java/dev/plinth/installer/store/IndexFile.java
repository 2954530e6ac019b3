package dev.plinth.installer.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.ManifestReport;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code <home>/index.json}, the install-time index: per installed plugin, what boot needs that
 * cannot change after its version was committed. JSON:
 * <pre>{@code
 * {
 *   "index_version" : 1,
 *   "plugins" : {
 *     "acme_redactor" : {
 *       "version" : "1.4.2",
 *       "tree_sha256" : "2c26…",       // from .install.json
 *       "manifest_sha256" : "9f86…",   // of plugin.toml
 *       "manifest_size" : 212,         // plugin.toml's size and last-modified time (ms), which
 *       "manifest_modified" : 17…,     //   boot compares, as git's index does, instead of re-hashing
 *       "entry_sha256" : "5e88…",      // over id, version, digests, size, time and the manifest's compact JSON
 *       "manifest" : { … }             // the validated PluginManifest, as Jackson writes the record
 *     }
 *   }
 * }
 * }</pre>
 * The manifest is serialised generically (Jackson over the records), so fields added to the model
 * need no code here. Like {@code plinth.lock}, it is derived and rewritten atomically by the store
 * after every change ({@link StoreMetadata#sync}); an entry is trusted only when its version is
 * current, its own digest matches and its {@code plugin.toml} is unchanged: boot ({@link
 * Check#FAST}) compares the file's size and last-modified time, the integrity check and every
 * rewrite ({@link Check#FULL}) its sha256.
 * Stateless and thread-safe; writes happen under the store lock.
 */
final class IndexFile {
  static final int VERSION = 1;

  /**
   * The store's mapper, except that manifest maps keep their file order (a manifest's tables are
   * ordered maps) and whole numbers read back as {@code Long}, as tomlj gives them, so an entry's
   * manifest equals the one parsed from {@code plugin.toml}.
   */
  private static final ObjectMapper MANIFESTS = Json.MAPPER.copy()
      .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

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
      StoreLayout layout, Check how, @Nullable Map<String, JsonNode> raw, List<IntegrityReport.Problem> problems) {
    Map<String, IndexEntry> ok = new HashMap<>();
    Map<String, String> current = currentVersions(layout);
    if (raw != null) {
      current.forEach((id, v) -> {
        IndexEntry e = checked(layout, id, v, raw.get(id), how, problems);
        if (e != null) {
          ok.put(id, e);
        }
      });
      for (String id : raw.keySet()) {
        if (!current.containsKey(id)) {
          problems.add(problem(dev.plinth.installer.store.IntegrityCode.INDEX_ENTRY_STALE, id,
              "index entry names a plugin that is not installed: " + id));
        }
      }
    }
    return new IndexCheck(current, ok, problems);
  }

  /**
   * Rewrites the index: valid entries are kept (unless {@code full}), the others computed from the
   * current versions' {@code plugin.toml}. Skips the write when nothing changed. Under the store lock.
   */
  static IndexCheck.Rebuild refresh(StoreLayout layout, boolean full) {
    List<IntegrityReport.Problem> problems = new ArrayList<>();
    Map<String, JsonNode> raw = readRaw(layout, problems);
    IndexCheck check = full ? new IndexCheck(Map.of(), Map.of(), List.of()) : check(layout, Check.FAST, raw, problems);
    Map<String, IndexEntry> next = new TreeMap<>();
    List<String> written = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> unindexed = new ArrayList<>();
    Map<String, String> current = full ? currentVersions(layout) : check.current();
    current.forEach((id, v) -> {
      IndexEntry valid = check.entries().get(id);
      if (valid != null) {
        next.put(id, valid);
        kept.add(id);
        return;
      }
      Optional<IndexEntry> computed = compute(layout, id, v);
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
    byte[] wanted = Json.bytes(encode(next));
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
  static Optional<IndexEntry> compute(StoreLayout layout, String id, String version) {
    Path dir = layout.versionDir(id, version);
    Path toml = dir.resolve(ManifestParser.FILE_NAME);
    Optional<InstallRecord> record = InstallRecord.read(dir);
    if (record.isEmpty() || !Files.isRegularFile(toml)) {
      return Optional.empty();
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(toml, BasicFileAttributes.class);
      String sha = TreeDigest.sha256(toml);
      ManifestReport report = ManifestParser.parse(toml);
      return report.manifest()
          .filter(m -> m.id().equals(id) && m.version().equals(version))
          .map(m -> new IndexEntry(id, version, record.get().treeSha256(), sha, attrs.size(),
              attrs.lastModifiedTime().toMillis(), m));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static @Nullable IndexEntry checked(
      StoreLayout layout, String id, String version, @Nullable JsonNode node, Check how,
      List<IntegrityReport.Problem> problems) {
    if (node == null) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_MISSING, id, "index has no entry for " + id + "@" + version));
      return null;
    }
    IndexEntry e;
    try {
      e = decode(id, node);
    } catch (IOException | RuntimeException ex) {
      problems.add(problem(IntegrityCode.INDEX_ENTRY_TAMPERED, id,
          "index entry of " + id + " does not match its digest or cannot be read: " + ex.getMessage()));
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
  private static @Nullable Map<String, JsonNode> readRaw(StoreLayout layout, List<IntegrityReport.Problem> problems) {
    Path file = layout.indexFile();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      problems.add(problem(IntegrityCode.INDEX_MISSING, "", "index.json is missing: " + file));
      return null;
    } catch (IOException | RuntimeException e) {
      problems.add(problem(IntegrityCode.INDEX_CORRUPT, "", "index.json cannot be read (" + e.getClass().getSimpleName()
          + "): " + file));
      return null;
    }
    JsonNode version = root == null ? null : root.get("index_version");
    JsonNode plugins = root == null ? null : root.get("plugins");
    if (version == null || version.asInt() != VERSION || plugins == null || !plugins.isObject()) {
      problems.add(problem(IntegrityCode.INDEX_CORRUPT, "",
          "index.json must have index_version " + VERSION + " and a plugins object: " + file));
      return null;
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = plugins.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      out.put(f.getKey(), f.getValue());
    }
    return out;
  }

  static Map<String, String> currentVersions(StoreLayout layout) {
    Map<String, String> out = new TreeMap<>();
    for (String id : layout.pluginIds()) {
      try {
        CurrentPointer.read(layout.pluginDir(id)).ifPresent(v -> out.put(id, v));
      } catch (UncheckedIOException e) {
        // an unreadable pointer is the integrity check's to report; such a plugin has no entry
      }
    }
    return out;
  }

  static ObjectNode encode(Map<String, IndexEntry> entries) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("index_version", VERSION);
    ObjectNode plugins = root.putObject("plugins");
    entries.forEach((id, e) -> {
      JsonNode manifest = MANIFESTS.valueToTree(e.manifest());
      ObjectNode node = plugins.putObject(id);
      node.put("version", e.version());
      node.put("tree_sha256", e.treeSha256());
      node.put("manifest_sha256", e.manifestSha256());
      node.put("manifest_size", e.manifestSize());
      node.put("manifest_modified", e.manifestModified());
      node.put("entry_sha256", digest(id, e.version(), e.treeSha256(),
          e.manifestSha256() + '\0' + e.manifestSize() + '\0' + e.manifestModified(), manifest));
      node.set("manifest", manifest);
    });
    return root;
  }

  static IndexEntry decode(String id, JsonNode node) throws IOException {
    String version = text(node, "version");
    String tree = text(node, "tree_sha256");
    String manifestSha = text(node, "manifest_sha256");
    long size = number(node, "manifest_size");
    long modified = number(node, "manifest_modified");
    JsonNode manifest = node.get("manifest");
    if (manifest == null || !manifest.isObject()) {
      throw new IOException("no manifest object");
    }
    String file = manifestSha + '\0' + size + '\0' + modified;
    if (!digest(id, version, tree, file, manifest).equals(text(node, "entry_sha256"))) {
      throw new IOException("entry_sha256 differs");
    }
    return new IndexEntry(id, version, tree, manifestSha, size, modified,
        MANIFESTS.treeToValue(manifest, PluginManifest.class));
  }

  private static long number(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IOException("no " + field);
    }
    return v.asLong();
  }

  private static String text(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IOException("no " + field);
    }
    return v.asText();
  }

  private static String digest(String id, String version, String tree, String manifestSha, JsonNode manifest) {
    return TreeDigest.sha256(id + '\0' + version + '\0' + tree + '\0' + manifestSha + '\0' + manifest);
  }

  private static IntegrityReport.Problem problem(IntegrityCode code, String id, String message) {
    return new IntegrityReport.Problem(code, id, "index.json", message,
        "Rebuild the index (PluginStore.rebuildIndex, or open the store again); boot reads plugin.toml for the"
            + " plugins concerned until then.");
  }
}
