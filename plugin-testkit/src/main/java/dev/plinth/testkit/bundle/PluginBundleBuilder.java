package dev.plinth.testkit.bundle;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.PluginManifest;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.signing.TestSigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Builds one plugin bundle: its {@code plugin.toml} (from the fields below, or raw text), its
 * classes (Java sources compiled in memory, or a folder), resources, {@code META-INF/services},
 * library jars and other files; then writes it as a folder or a deterministic archive.
 *
 * <p>Layout of a folder, {@code .tar.gz} or {@code .zip}: {@code plugin.toml}, {@code classes/},
 * {@code lib/*.jar} and any {@link #file} at the root (or under one {@link #rootFolder}). A
 * {@code .jar} holds {@code plugin.toml} and the classes at its root and cannot hold libraries.
 * Setting a single-valued field twice throws {@code BUILDER_SETTING_INVALID} naming the old value.
 * Not thread-safe; a builder may write several outputs.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginBundleBuilder {
  private static final Pattern TARGET = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private final String id;
  private final String version;
  private final ManifestDraft draft;
  private final ClassContent classes = new ClassContent();
  private final Map<String, Path> libraries = new TreeMap<>();
  private final Map<String, JarBuilder> builtLibraries = new TreeMap<>();
  private final EntryTree rootFiles = new EntryTree();
  private @Nullable String manifestText;
  private final List<String> manifestAppendix = new ArrayList<>();
  private boolean withoutManifest;
  private @Nullable String pluginClass;
  private @Nullable String target;
  private @Nullable String rootFolder;
  private @Nullable String fileName;
  private @Nullable TestSigningKey signer;

  PluginBundleBuilder(String id, String version) {
    this.id = requireNonNull(id, "id");
    this.version = requireNonNull(version, "version");
    this.draft = new ManifestDraft(id, version);
  }

  // ---- plugin.toml fields ----

  /** {@code plugin.name} (default: the id). */
  public PluginBundleBuilder name(String name) { draft.name(name); return this; }

  /** {@code plugin.description}. */
  public PluginBundleBuilder description(String text) { draft.description(text); return this; }

  /** Adds to {@code plugin.authors}. */
  public PluginBundleBuilder authors(String... authors) { draft.authors(List.of(authors)); return this; }

  /** {@code plugin.license}. */
  public PluginBundleBuilder license(String spdx) { draft.license(spdx); return this; }

  /** {@code [plugin.engine]}; pass null to leave a range out. */
  public PluginBundleBuilder engine(@Nullable String host, @Nullable String api, @Nullable String java) {
    draft.engine(host, api, java);
    return this;
  }

  /** {@code plugin.runtime.entry}. */
  public PluginBundleBuilder entry(String className) { draft.entry(className); return this; }

  /** {@code plugin.runtime.classpath} (default: the runtime's {@code classes}, {@code lib/*.jar}). */
  public PluginBundleBuilder classpath(String... entries) { draft.classpath(List.of(entries)); return this; }

  /** Adds to {@code plugin.runtime.exports}. */
  public PluginBundleBuilder exports(String... packages) { draft.exports(List.of(packages)); return this; }

  /** Adds {@code pluginId = range} to {@code [plugin.dependencies]}. */
  public PluginBundleBuilder dependency(String pluginId, String range) {
    draft.dependency(pluginId, range);
    return this;
  }

  /** Adds to {@code plugin.contributes.hooks}. */
  public PluginBundleBuilder hooks(String... points) { draft.hooks(List.of(points)); return this; }

  /** Adds to {@code plugin.contributes.extensions}. */
  public PluginBundleBuilder extensions(String... interfaces) { draft.extensions(List.of(interfaces)); return this; }

  /** Adds to {@code plugin.contributes.tools}. */
  public PluginBundleBuilder tools(String... names) { draft.tools(List.of(names)); return this; }

  /** Adds a {@code [[plugin.hooks]]} policy; null leaves a key out. */
  public PluginBundleBuilder hookPolicy(
      String point, @Nullable Integer priority, @Nullable Long timeoutMs, @Nullable String failure) {
    draft.hookPolicy(new PluginManifest.HookPolicy(point, priority, timeoutMs, failure));
    return this;
  }

  /** {@code [plugin.permissions]}. */
  public PluginBundleBuilder permissions(PluginManifest.Permissions permissions) {
    draft.permissions(permissions);
    return this;
  }

  /** {@code [plugin.config_schema]}: nested maps, lists, strings, numbers and booleans. */
  public PluginBundleBuilder configSchema(Map<String, ?> schema) { draft.configSchema(schema); return this; }

  /** Uses this exact {@code plugin.toml} text instead of one generated from the fields. */
  public PluginBundleBuilder manifestText(String toml) {
    manifestText = ManifestDraft.once("manifestText", manifestText, toml);
    return this;
  }

  /** Appends raw TOML after the generated manifest (for unknown keys or extra tables). */
  public PluginBundleBuilder appendManifest(String toml) { manifestAppendix.add(toml); return this; }

  /** Leaves {@code plugin.toml} out of the bundle (to test that it is required). */
  public PluginBundleBuilder withoutManifest() { withoutManifest = true; return this; }

  // ---- classes, resources, libraries, files ----

  /** Names the {@code Plugin} implementation: writes {@code META-INF/services/dev.plinth.api.Plugin}. */
  public PluginBundleBuilder pluginClass(String className) {
    pluginClass = ManifestDraft.once("pluginClass", pluginClass, className);
    classes.service("dev.plinth.api.Plugin", className);
    return this;
  }

  /** Adds a class's Java source, compiled with {@code --release 17} into the bundle's classes. */
  public PluginBundleBuilder source(String className, String javaSource) {
    classes.source(className, javaSource);
    return this;
  }

  /** Adds every file of a folder of compiled classes to the bundle's classes. */
  public PluginBundleBuilder classes(Path folder) { classes.classFolder(folder); return this; }

  /** Adds a resource beside the classes. */
  public PluginBundleBuilder resource(String path, byte[] data) { classes.resource(path, data); return this; }

  /** Adds a UTF-8 text resource beside the classes. */
  public PluginBundleBuilder resource(String path, String text) {
    return resource(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds a line to {@code META-INF/services/<serviceInterface>} beside the classes. */
  public PluginBundleBuilder service(String serviceInterface, String implementation) {
    classes.service(serviceInterface, implementation);
    return this;
  }

  /** Adds a jar to the compile classpath only (it is not packed). */
  public PluginBundleBuilder compileClasspath(Path jar) { classes.compileClasspath(jar); return this; }

  /** Packs an existing jar as {@code lib/<its file name>}; sources compile against it. */
  public PluginBundleBuilder library(Path jar) {
    String name = jar.getFileName().toString();
    ManifestDraft.once("lib/" + name, libraries.get(name), jar);
    libraries.put(name, jar);
    return this;
  }

  /** Builds a jar and packs it as {@code lib/<fileName>}; sources compile against it. */
  public PluginBundleBuilder library(String fileName, JarBuilder jar) {
    RelativePaths.check("library", fileName);
    ManifestDraft.once("lib/" + fileName, builtLibraries.get(fileName), fileName);
    builtLibraries.put(fileName, jar);
    return this;
  }

  /** Adds a file at a path relative to the bundle root; {@code executable} gives it mode 0755. */
  public PluginBundleBuilder file(String path, byte[] data, boolean executable) {
    rootFiles.put(RelativePaths.check("file", path), data, executable);
    return this;
  }

  /** Adds a UTF-8 text file at a path relative to the bundle root. */
  public PluginBundleBuilder file(String path, String text) {
    return file(path, text.getBytes(StandardCharsets.UTF_8), false);
  }

  // ---- output ----

  /** The release target in the file name (default {@code noarch}), e.g. {@code linux-x86_64}. */
  public PluginBundleBuilder target(String target) {
    if (!TARGET.matcher(target).matches()) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          "target must match " + TARGET + ": " + target, "Use a name such as 'linux-x86_64'.");
    }
    this.target = ManifestDraft.once("target", this.target, target);
    return this;
  }

  /** Puts everything under one top folder of the archive, as a {@code git archive} would. */
  public PluginBundleBuilder rootFolder(String folder) {
    rootFolder = ManifestDraft.once("rootFolder", rootFolder, RelativePaths.check("rootFolder", folder));
    return this;
  }

  /** Overrides the archive file name (default {@code <id>-<version>-<target><extension>}). */
  public PluginBundleBuilder fileName(String name) {
    fileName = ManifestDraft.once("fileName", fileName, RelativePaths.check("fileName", name));
    return this;
  }

  /** Signs every archive written with this key (writing {@code .sig}+{@code .pub} or {@code .asc}). */
  public PluginBundleBuilder signWith(TestSigningKey key) {
    signer = ManifestDraft.once("signWith", signer, key);
    return this;
  }

  /** The {@code plugin.toml} text this builder writes, or empty if {@link #withoutManifest()}. */
  public String manifest() {
    if (withoutManifest) {
      return "";
    }
    String base = manifestText != null ? manifestText : ManifestToml.render(draft.toManifest());
    return manifestAppendix.isEmpty() ? base : base + "\n" + String.join("\n", manifestAppendix);
  }

  /** Writes the bundle as a {@code .tar.gz} into {@code dir}. */
  public BuiltBundle writeTarGz(Path dir) { return write(dir, BundleFormat.TAR_GZ); }

  /** Writes the bundle as a {@code .zip} into {@code dir}. */
  public BuiltBundle writeZip(Path dir) { return write(dir, BundleFormat.ZIP); }

  /** Writes the bundle as a single {@code .jar} into {@code dir}. */
  public BuiltBundle writeJar(Path dir) { return write(dir, BundleFormat.JAR); }

  /**
   * Writes the archive into {@code dir} with its {@code .sha256} (and signature files).
   *
   * @throws TestkitException {@code SOURCE_COMPILE_FAILED}, {@code BUNDLE_WRITE_FAILED}, or
   *     {@code BUILDER_SETTING_INVALID} (a jar with libraries)
   */
  public BuiltBundle write(Path dir, BundleFormat format) {
    EntryTree tree = tree(format == BundleFormat.JAR);
    String name = fileName != null ? fileName
        : id + "-" + version + "-" + targetOrDefault() + format.extension();
    String manifest = manifest();
    return BundleOutput.write(tree, format, dir.resolve(name), new BundleOutput.Identity(
        id, version, targetOrDefault(), withoutManifest ? null : manifest), signer);
  }

  /** Writes the bundle as a plain folder at {@code folder} (created) and returns it. */
  public Path writeFolder(Path folder) {
    try {
      ArchiveWriter.writeFolder(tree(false), folder);
      return folder;
    } catch (IOException e) {
      throw BundleOutput.writeFailed(folder, e);
    }
  }

  private String targetOrDefault() {
    return target != null ? target : "noarch";
  }

  private EntryTree tree(boolean jar) {
    boolean hasLibraries = !libraries.isEmpty() || !builtLibraries.isEmpty();
    if (jar && hasLibraries) {
      throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
          "libraries not allowed in a single-jar bundle: " + libraryNames(),
          "Write a .tar.gz or .zip bundle, or shade the library classes into the plugin's classes.");
    }
    EntryTree tree = new EntryTree();
    if (!withoutManifest) {
      tree.put("plugin.toml", manifest().getBytes(StandardCharsets.UTF_8));
    }
    Map<String, byte[]> libs = libraryBytes();
    List<Path> libPaths = new ArrayList<>(libraries.values());
    Path scratch = null;
    try {
      if (!builtLibraries.isEmpty()) {
        scratch = Files.createTempDirectory("plinth-testkit-libs");
        for (var e : builtLibraries.entrySet()) {
          Path jarFile = e.getValue().write(scratch.resolve(e.getKey()));
          libs.put(e.getKey(), Files.readAllBytes(jarFile));
          libPaths.add(jarFile);
        }
      }
      tree.putAll(jar ? "" : "classes/", classes.render(libPaths));
    } catch (IOException e) {
      throw BundleOutput.writeFailed(Path.of("lib"), e);
    } finally {
      deleteQuietly(scratch);
    }
    libs.forEach((name, data) -> tree.put("lib/" + name, data));
    rootFiles.files().forEach((path, e) -> tree.put(path, e.data(), e.executable()));
    return rootFolder == null ? tree : tree.under(rootFolder);
  }

  private Map<String, byte[]> libraryBytes() {
    Map<String, byte[]> libs = new TreeMap<>();
    libraries.forEach((name, path) -> {
      try {
        libs.put(name, Files.readAllBytes(path));
      } catch (IOException e) {
        throw new TestkitException(TestkitErrorCode.BUILDER_SETTING_INVALID,
            "library unreadable: " + path, "Pass an existing jar file.", e);
      }
    });
    return libs;
  }

  private List<String> libraryNames() {
    List<String> names = new ArrayList<>(libraries.keySet());
    names.addAll(builtLibraries.keySet());
    return names;
  }

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
