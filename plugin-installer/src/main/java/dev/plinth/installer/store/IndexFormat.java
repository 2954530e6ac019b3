package dev.plinth.installer.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of {@code <home>/index.json} ({@link IndexFile}): compact JSON, one entry per line:
 * <pre>{@code
 * {"index_version":5,"manifest_shape":"3f0c9a1e","plugins":{
 * "acme_redactor":[               // one array per entry, its fields by position (no names to read):
 *   "1.4.2",                        // 0 the current version
 *   "2c26…",                        // 1 the tree digest, from .install.json
 *   "9f86…",                        // 2 the sha256 of plugin.toml
 *   212,                            // 3 plugin.toml's size and
 *   17…,                            // 4   last-modified time (ms), which boot compares, as git's index does
 *   "2049:1234:17…",                // 5 its device, inode and change time (ns), or null where the file system does not tell them
 *   "5e88a01c",                     // 6 entry checksum (CRC-32C) over id, version, digests, size, time, stamp, the manifest's and facts' bytes
 *   ["acme_redactor","1.4.2",…],    // 7 the validated PluginManifest, each record as an array
 *   ["1:dev.plinth.api",[…]]]}}     // 8 BootFacts, or null: when the store has a provider and the bundle has them
 * }</pre>
 * The manifest is serialised generically (each record as the array of its components, with
 * Jackson's streaming parser and generator only, see {@link RecordArrays}), so fields added to the
 * model need no code here; the
 * header's {@code manifest_shape} names the records' components, and an index written with other
 * records counts as corrupt. It is embedded verbatim, and boot reads the file in one pass of the streaming
 * parser, binding each manifest where it stands and keeping the bytes it occupies: the entry checksum
 * is checked over exactly those bytes (no re-serialisation), and the bound manifest is used only
 * when it matches.
 * Stateless and thread-safe.
 */
final class IndexFormat {
  static final int VERSION = 5;

  /**
   * The records the index writes as JSON arrays of their components, in declaration order, instead
   * of objects ({@link RecordArrays}): a manifest takes a quarter of the bytes, and reading it needs
   * no field names looked up and no data binding (boot reads one per plugin). Maps (dependencies,
   * schemas) stay objects.
   */
  static final List<Class<? extends Record>> ARRAY_SHAPED = List.of(
      PluginManifest.class, PluginManifest.Engine.class, PluginManifest.Runtime.class,
      PluginManifest.Contributes.class, PluginManifest.Tool.class, PluginManifest.CrashLimits.class,
      PluginManifest.HookPolicy.class, PluginManifest.Permissions.class, BootFacts.class, BootFacts.Jar.class);

  /**
   * The array shape's fingerprint, written in the file's header: each array-shaped record's
   * components in order. An index written by a build whose records differ (a component added,
   * removed or moved) would read values into the wrong fields, so its header no longer matches and
   * the whole file counts as corrupt (and is rebuilt).
   */
  static final String SHAPE = shapeFingerprint();


  private static String shapeFingerprint() {
    StringBuilder b = new StringBuilder();
    for (Class<? extends Record> type : ARRAY_SHAPED) {
      RecordArrays.check(type);
      b.append(type.getName()).append('(');
      for (RecordComponent c : type.getRecordComponents()) {
        b.append(c.getName()).append(':').append(c.getGenericType().getTypeName()).append(',');
      }
      b.append(")\n");
    }
    CRC32C crc = new CRC32C();
    crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
    return hex(crc);
  }


  /**
   * One entry as read from the file: its scalar fields (null when absent or of the wrong type) and
   * the manifest's bytes exactly as they stand in the file, which the entry checksum covers.
   */
  record Raw(
      @Nullable String version, @Nullable String treeSha256, @Nullable String manifestSha256,
      @Nullable Long manifestSize, @Nullable Long manifestModified, @Nullable String entryChecksum,
      byte @Nullable [] manifest, byte @Nullable [] bootFacts,
      @Nullable PluginManifest boundManifest, @Nullable BootFacts boundFacts, @Nullable String bindError,
      @Nullable String manifestStamp) {}


  /**
   * Parses the index in one pass of Jackson's streaming parser: the scalars of each entry are read,
   * and the manifest and boot-facts arrays are bound where they stand and kept as the bytes they
   * occupy in the file, so checking an entry's checksum needs no re-serialisation and no second read
   * of the value. A bound value is used only after {@link #decode} found the checksum right; a value
   * that does not bind (a tampered entry whose JSON is still well formed) is skipped and its error
   * kept for {@link #decode} to report.
   */
  static Map<String, Raw> parse(byte[] bytes) throws IOException {
    Map<String, Raw> out = new LinkedHashMap<>();
    Integer version = null;
    String shape = null;
    boolean sawPlugins = false;
    try (JsonParser p = RecordArrays.FACTORY.createParser(bytes)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("index_version") && t == JsonToken.VALUE_NUMBER_INT) {
          version = p.getIntValue();
        } else if (name.equals("manifest_shape") && t == JsonToken.VALUE_STRING) {
          shape = p.getText();
        } else if (name.equals("plugins") && t == JsonToken.START_OBJECT) {
          sawPlugins = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            out.put(id, entry(p, bytes));
          }
        } else {
          p.skipChildren();
        }
      }
    }
    if (version == null || version != VERSION || !sawPlugins) {
      throw new IOException("index_version " + version + (sawPlugins ? "" : ", no plugins object"));
    }
    if (!SHAPE.equals(shape)) {
      throw new IOException("manifest_shape " + shape + ", this build writes " + SHAPE);
    }
    return out;
  }

  private static Raw entry(JsonParser p, byte[] bytes) throws IOException {
    if (p.nextToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return new Raw(null, null, null, null, null, null, null, null, null, null, null, null);
    }
    String version = null;
    String tree = null;
    String manifestSha = null;
    Long size = null;
    Long modified = null;
    String entryChecksum = null;
    String stamp = null;
    byte[] manifest = null;
    byte[] facts = null;
    Bound<PluginManifest> boundManifest = null;
    Bound<BootFacts> boundFacts = null;
    JsonToken t;
    for (int i = 0; (t = p.nextToken()) != JsonToken.END_ARRAY; i++) {
      if (t == null) {
        throw new IOException("index.json ends inside an entry");
      }
      switch (i) {
        case 0 -> version = text(p, t);
        case 1 -> tree = text(p, t);
        case 2 -> manifestSha = text(p, t);
        case 3 -> size = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        case 4 -> modified = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
        case 5 -> stamp = text(p, t);
        case 6 -> entryChecksum = text(p, t);
        case 7 -> {
          boundManifest = t == JsonToken.START_ARRAY ? bind(p, bytes, PluginManifest.class) : null;
          manifest = boundManifest == null ? null : boundManifest.bytes();
        }
        case 8 -> {
          boundFacts = t == JsonToken.START_ARRAY ? bind(p, bytes, BootFacts.class) : null;
          facts = boundFacts == null ? null : boundFacts.bytes();
        }
        default -> { }
      }
      // A bound value leaves the parser on its closing bracket; anything else unread is skipped.
      if (t.isStructStart() && p.currentToken() != null && p.currentToken().isStructStart()) {
        p.skipChildren();
      }
    }
    String bindError = boundManifest != null && boundManifest.error() != null ? boundManifest.error()
        : boundFacts != null && boundFacts.error() != null ? boundFacts.error() : null;
    return new Raw(version, tree, manifestSha, size, modified, entryChecksum, manifest, facts,
        boundManifest == null ? null : boundManifest.value(), boundFacts == null ? null : boundFacts.value(), bindError,
        stamp);
  }

  private static @Nullable String text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  /** A value bound from the stream, with the bytes it occupies; {@code value} is null when it did not bind. */
  private record Bound<T>(byte[] bytes, @Nullable T value, @Nullable String error) {}

  /**
   * Reads the value (an array-shaped record) that starts at the parser's current token and leaves
   * the parser on its end. A well-formed value that does not fit is skipped to its end; malformed
   * JSON propagates (the whole file is corrupt).
   */
  private static <T extends Record> Bound<T> bind(JsonParser p, byte[] bytes, Class<T> type) throws IOException {
    int from = (int) p.currentTokenLocation().getByteOffset();
    JsonStreamContext outside = p.getParsingContext().getParent();
    T value = null;
    String error = null;
    try {
      value = RecordArrays.read(p, type);
    } catch (RecordArrays.Mismatch | RuntimeException e) {
      error = e.getMessage();
      while (p.getParsingContext() != outside) {
        if (p.nextToken() == null) {
          throw new IOException("index.json ends inside an entry");
        }
      }
    }
    int to = (int) p.currentLocation().getByteOffset();
    return new Bound<>(Arrays.copyOfRange(bytes, from, to), value, error);
  }

  private static void expect(@Nullable JsonToken found, JsonToken wanted, String what) throws IOException {
    if (found != wanted) {
      throw new IOException("expected " + what + ", found " + found);
    }
  }


  /**
   * The whole index file: compact JSON, each entry.s manifest written on its own ({@link RecordArrays})
   * and embedded verbatim, so the bytes the entry checksum covers are the bytes in the file.
   */
  static byte[] encode(Map<String, IndexEntry> entries) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(1024 + entries.size() * 1024);
    try (JsonGenerator g = RecordArrays.FACTORY.createGenerator(buf)) {
      g.writeStartObject();
      g.writeNumberField("index_version", VERSION);
      g.writeStringField("manifest_shape", SHAPE);
      g.writeFieldName("plugins");
      g.writeStartObject();
      for (Map.Entry<String, IndexEntry> en : new TreeMap<>(entries).entrySet()) {
        IndexEntry e = en.getValue();
        byte[] manifest = arrayBytes(e.manifest());
        byte[] facts = e.bootFacts() == null ? null : arrayBytes(e.bootFacts());
        g.writeRaw('\n');
        g.writeFieldName(en.getKey());
        g.writeStartArray();
        g.writeString(e.version());
        g.writeString(e.treeSha256());
        g.writeString(e.manifestSha256());
        g.writeNumber(e.manifestSize());
        g.writeNumber(e.manifestModified());
        if (e.manifestStamp() != null) {
          g.writeString(e.manifestStamp());
        } else {
          g.writeNull();
        }
        g.writeString(checksum(en.getKey(), e.version(), e.treeSha256(), e.manifestSha256(),
            e.manifestSize(), e.manifestModified(), e.manifestStamp(), manifest, facts));
        g.writeRawValue(new String(manifest, StandardCharsets.UTF_8));
        if (facts != null) {
          g.writeRawValue(new String(facts, StandardCharsets.UTF_8));
        } else {
          g.writeNull();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the index", e);
    }
    return buf.toByteArray();
  }

  /** A record as the JSON array of its components. */
  static byte[] arrayBytes(Record value) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(512);
    try (JsonGenerator g = RecordArrays.FACTORY.createGenerator(buf)) {
      RecordArrays.write(g, value);
    }
    return buf.toByteArray();
  }

  static IndexEntry decode(String id, Raw raw) throws IOException {
    String version = required(raw.version(), "version");
    String tree = required(raw.treeSha256(), "tree_sha256");
    String manifestSha = required(raw.manifestSha256(), "manifest_sha256");
    long size = required(raw.manifestSize(), "manifest_size");
    long modified = required(raw.manifestModified(), "manifest_modified");
    byte[] manifest = required(raw.manifest(), "manifest array");
    if (!checksum(id, version, tree, manifestSha, size, modified, raw.manifestStamp(), manifest, raw.bootFacts())
        .equals(raw.entryChecksum())) {
      throw new IOException("entry checksum differs");
    }
    if (raw.bindError() != null) {
      throw new IOException(raw.bindError());
    }
    return new IndexEntry(id, version, tree, manifestSha, size, modified,
        required(raw.boundManifest(), "manifest array"), raw.boundFacts(), raw.manifestStamp());
  }

  private static <T> T required(@Nullable T value, String field) throws IOException {
    if (value == null) {
      throw new IOException("no " + field);
    }
    return value;
  }

  /**
   * The entry's checksum: a CRC-32C, which finds a torn write, a truncated line or an edited byte
   * (every error burst up to 32 bits, and any other change but for one in 2^32). The index is derived
   * data that the store rewrites; what an entry is trusted against is the tree and {@code plugin.toml}
   * digests (SHA-256), which it records and boot compares with the files. A cryptographic digest
   * here would add no protection, since anyone who can edit the entry can recompute one beside it,
   * and a cold JVM runs SHA-256 in the interpreter (about 40 ms for 200 entries).
   */
  private static String checksum(
      String id, String version, String tree, String manifestSha, long size, long modified, @Nullable String stamp,
      byte[] manifest, byte @Nullable [] facts) {
    CRC32C crc = new CRC32C();
    crc.update((id + '\0' + version + '\0' + tree + '\0' + manifestSha + '\0' + size + '\0' + modified + '\0'
        + (stamp == null ? "" : stamp) + '\0').getBytes(StandardCharsets.UTF_8));
    crc.update(manifest);
    if (facts != null) {
      crc.update(0);
      crc.update(facts);
    }
    return hex(crc);
  }

  /** The checksum as eight lower-case hex digits. */
  private static String hex(CRC32C crc) {
    return java.util.HexFormat.of().toHexDigits((int) crc.getValue());
  }

  private IndexFormat() {}
}
