package dev.plinth.installer.trust;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The trust policy, read from {@code trust.toml}. Immutable and thread-safe; keys are loaded and
 * checked when the policy is read, so a broken policy fails before any install.
 *
 * <pre>{@code
 * default_mode = "warn"                     # ignore | warn | require
 * trusted_root = "sigstore/trusted_root.json"   # optional: replaces the bundled Sigstore root
 *
 * [[authors]]
 * name = "acme"
 * plugins = ["acme_*"]
 * mode = "require"
 * identity = "https://github\\.com/acme/.+/\\.github/workflows/release\\.yml@refs/tags/v.*"
 * issuer = "https://token.actions.githubusercontent.com"
 * keys = ["keys/acme-cosign.pub", "keys/acme.asc"]
 * }</pre>
 */
@API(status = STABLE, since = "0.1")
public final class TrustPolicy {
  private static final Set<String> TOP_KEYS = Set.of("default_mode", "trusted_root", "authors");
  private static final Set<String> AUTHOR_KEYS = Set.of("name", "plugins", "mode", "identity", "issuer", "keys");
  private static final Pattern GLOB = Pattern.compile("[a-z0-9_*?]{1,64}");

  private final TrustMode defaultMode;
  private final @Nullable Path trustedRoot;
  private final List<AuthorPolicy> authors;
  private final Map<Integer, List<PinnedKey>> keys;
  private final String origin;

  private TrustPolicy(TrustMode defaultMode, @Nullable Path trustedRoot, List<AuthorPolicy> authors,
      Map<Integer, List<PinnedKey>> keys, String origin) {
    this.defaultMode = defaultMode;
    this.trustedRoot = trustedRoot;
    this.authors = List.copyOf(authors);
    this.keys = Map.copyOf(keys);
    this.origin = origin;
  }

  /** A policy with only a default mode and no pinned signers. */
  public static TrustPolicy of(TrustMode defaultMode) {
    return new TrustPolicy(requireNonNull(defaultMode, "defaultMode"), null, List.of(), Map.of(), "built-in");
  }

  /** The policy used when none is configured: {@code warn}, nothing pinned. */
  public static TrustPolicy defaults() {
    return of(TrustMode.WARN);
  }

  /**
   * Reads {@code trust.toml}; key and root paths are relative to its folder.
   *
   * @throws InstallException {@code TRUST_POLICY_INVALID} naming the field and value
   */
  public static TrustPolicy load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(file.toString(), "file", "must be readable", file.toString(), e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, base, file.toString());
  }

  /** Parses policy text; relative paths resolve against {@code baseDir}. */
  public static TrustPolicy parse(String toml, Path baseDir, String origin) {
    TomlParseResult r;
    try {
      r = Toml.parse(toml);
    } catch (org.tomlj.TomlParseError e) {
      // tomlj throws, rather than collects, some errors: a bad escape inside a quoted key
      throw invalid(origin, "toml", "must be valid TOML", "line " + e.position().line() + ": " + e.getMessage(), null);
    } catch (AssertionError e) {
      // tomlj asserts on some malformed escapes when the JVM runs with -ea; without -ea it reports them.
      throw invalid(origin, "toml", "must be valid TOML", "a malformed escape sequence", null);
    }
    if (r.hasErrors()) {
      var e = r.errors().get(0);
      throw invalid(origin, "toml", "must be valid TOML", "line " + e.position().line() + ": " + e.getMessage(), null);
    }
    for (String key : r.keySet()) {
      if (!TOP_KEYS.contains(key)) {
        throw invalid(origin, key, "is not a known field (default_mode, trusted_root, authors)", key, null);
      }
    }
    TrustMode defaultMode = TrustMode.WARN;
    if (r.contains("default_mode")) {
      defaultMode = mode(origin, "default_mode", r.get("default_mode"));
    }
    Path trustedRoot = null;
    if (r.contains("trusted_root")) {
      String v = string(origin, "trusted_root", r.get("trusted_root"));
      trustedRoot = path(origin, "trusted_root", baseDir, v);
      if (!Files.isRegularFile(trustedRoot)) {
        throw invalid(origin, "trusted_root", "must name an existing trusted_root.json", trustedRoot.toString(), null);
      }
    }
    List<AuthorPolicy> authors = new ArrayList<>();
    Map<Integer, List<PinnedKey>> keys = new LinkedHashMap<>();
    if (r.contains("authors")) {
      if (!r.isArray("authors")) {
        throw invalid(origin, "authors", "must be an array of tables ([[authors]])", String.valueOf(r.get("authors")), null);
      }
      TomlArray array = r.getArrayOrEmpty("authors");
      for (int i = 0; i < array.size(); i++) {
        if (!(array.get(i) instanceof TomlTable t)) {
          throw invalid(origin, "authors[" + i + "]", "must be a table", String.valueOf(array.get(i)), null);
        }
        AuthorPolicy a = author(origin, i, t, baseDir);
        authors.add(a);
        List<PinnedKey> loaded = new ArrayList<>();
        for (int k = 0; k < a.keys().size(); k++) {
          Path p = a.keys().get(k);
          try {
            loaded.add(PinnedKey.parse(p, Files.readAllBytes(p)));
          } catch (IOException | RuntimeException e) {
            throw invalid(origin, "authors[" + i + "].keys[" + k + "]",
                "must be a readable PEM public key or armored PGP public key", p + " (" + e.getMessage() + ")", e);
          }
        }
        keys.put(i, loaded);
      }
    }
    return new TrustPolicy(defaultMode, trustedRoot, authors, keys, origin);
  }

  private static AuthorPolicy author(String origin, int i, TomlTable t, Path baseDir) {
    String at = "authors[" + i + "]";
    for (String key : t.keySet()) {
      if (!AUTHOR_KEYS.contains(key)) {
        throw invalid(origin, at + "." + key, "is not a known field (name, plugins, mode, identity, issuer, keys)", key, null);
      }
    }
    String name = t.contains("name") ? string(origin, at + ".name", t.get("name")) : null;
    List<String> plugins = strings(origin, at + ".plugins", t.get("plugins"));
    if (plugins.isEmpty()) {
      throw invalid(origin, at + ".plugins", "must list at least one plugin id glob", "[]", null);
    }
    for (int k = 0; k < plugins.size(); k++) {
      if (!GLOB.matcher(plugins.get(k)).matches()) {
        throw invalid(origin, at + ".plugins[" + k + "]", "must be a plugin id glob ([a-z0-9_*?])", plugins.get(k), null);
      }
    }
    TrustMode mode = t.contains("mode") ? mode(origin, at + ".mode", t.get("mode")) : null;
    String identity = t.contains("identity") ? string(origin, at + ".identity", t.get("identity")) : null;
    String issuer = t.contains("issuer") ? string(origin, at + ".issuer", t.get("issuer")) : null;
    if (identity != null) {
      try {
        Pattern.compile(identity);
      } catch (PatternSyntaxException e) {
        throw invalid(origin, at + ".identity", "must be a valid regular expression", identity, e);
      }
    }
    if ((identity == null) != (issuer == null)) {
      throw invalid(origin, identity == null ? at + ".identity" : at + ".issuer",
          "must be set together with " + (identity == null ? "issuer" : "identity"), "<missing>", null);
    }
    List<Path> keyPaths = new ArrayList<>();
    if (t.contains("keys")) {
      for (String k : strings(origin, at + ".keys", t.get("keys"))) {
        keyPaths.add(path(origin, at + ".keys", baseDir, k));
      }
    }
    if (mode == TrustMode.REQUIRE && identity == null && keyPaths.isEmpty()) {
      throw invalid(origin, at + ".mode", "require needs identity+issuer or keys to trust", "require", null);
    }
    return new AuthorPolicy(i, name, plugins, mode, identity, issuer, keyPaths);
  }

  public TrustMode defaultMode() {
    return defaultMode;
  }

  /** The Sigstore trusted root that replaces the bundled one, if configured. */
  public Optional<Path> trustedRoot() {
    return Optional.ofNullable(trustedRoot);
  }

  public List<AuthorPolicy> authors() {
    return authors;
  }

  /** The first {@code [[authors]]} entry covering the plugin, in file order. */
  public Optional<AuthorPolicy> authorFor(String pluginId) {
    return authors.stream().filter(a -> a.matches(pluginId)).findFirst();
  }

  /** Where the policy came from (a path or {@code built-in}). */
  public String origin() {
    return origin;
  }

  List<PinnedKey> keysOf(AuthorPolicy author) {
    return keys.getOrDefault(author.index(), List.of());
  }

  private static TrustMode mode(String origin, String field, @Nullable Object value) {
    String s = string(origin, field, value);
    return TrustMode.fromJsonName(s)
        .orElseThrow(() -> invalid(origin, field, "must be ignore, warn or require", s, null));
  }

  private static String string(String origin, String field, @Nullable Object value) {
    if (!(value instanceof String s) || s.isBlank()) {
      throw invalid(origin, field, "must be a non-empty string", String.valueOf(value), null);
    }
    return s;
  }

  private static List<String> strings(String origin, String field, @Nullable Object value) {
    if (!(value instanceof TomlArray array)) {
      throw invalid(origin, field, "must be an array of strings", String.valueOf(value), null);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      out.add(string(origin, field + "[" + i + "]", array.get(i)));
    }
    return out;
  }

  /** {@code value} resolved against {@code baseDir}; a name no file system accepts (a NUL, say) is invalid. */
  private static Path path(String origin, String field, Path baseDir, String value) {
    try {
      return baseDir.resolve(value).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw invalid(origin, field, "must be a file path", value.replace("\0", "\\0"), e);
    }
  }

  static InstallException invalid(String origin, String field, String rule, String value, @Nullable Throwable cause) {
    return new InstallException(InstallErrorCode.TRUST_POLICY_INVALID, Phase.VERIFY,
        field + " " + rule + ": " + value + " (in " + origin + ")",
        "Fix " + field + " in " + origin + "; see the trust.toml reference in TrustPolicy's documentation.",
        Map.of("field", field, "value", value, "origin", origin), cause);
  }
}
