package dev.plinth.runtime.classloading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.discovery.EntryDiscovery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle check on the classpath shapes other than a plain jar under {@code lib/}: a {@code
 * classes/} folder, a multi-release jar and a file that is not a jar. Real jars and folders, built
 * and compiled here, opened through {@link ClassLoaderFactory} as a boot does.
 */
class BundleCheckTest {
  private static final String SERVICES = "META-INF/services/" + Plugin.class.getName();

  private final ClassLoaderFactory factory = ClassLoaderFactory.of(SharedPackages.defaults());

  @TempDir Path root;

  /** The class files of {@code jar}, by entry name, compiled from its sources. */
  private Map<String, byte[]> compiled(TestBundles.JarSpec jar) throws IOException {
    Path built = jar.writeTo(Files.createDirectories(root.resolve("built")));
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (JarFile f = new JarFile(built.toFile())) {
      for (JarEntry e : java.util.Collections.list(f.entries())) {
        if (e.getName().endsWith(".class")) {
          out.put(e.getName(), f.getInputStream(e).readAllBytes());
        }
      }
    }
    Files.delete(built);
    return out;
  }

  /** Writes the files of {@code entries} under {@code folder}, as an exploded classpath entry. */
  private static void writeTree(Path folder, Map<String, byte[]> entries) throws IOException {
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      Path f = folder.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.write(f, e.getValue());
    }
  }

  private static void writeJar(Path jar, boolean multiRelease, Map<String, byte[]> entries) throws IOException {
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (multiRelease) {
      mf.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
    }
    Files.createDirectories(jar.getParent());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        jos.putNextEntry(new JarEntry(e.getKey()));
        jos.write(e.getValue());
        jos.closeEntry();
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void open_classesFolder_isCheckedAndItsPluginFoundAndLoaded() throws Exception {
    Path dir = Files.createDirectories(root.resolve("folded/1.0.0"));
    Map<String, byte[]> files = new LinkedHashMap<>(compiled(TestBundles.jar("x.jar")
        .source("com.folded.FoldedPlugin", Sources.noop("com.folded.FoldedPlugin"))));
    files.put(SERVICES, utf8("com.folded.FoldedPlugin\n"));
    writeTree(dir.resolve("classes"), files);
    PluginManifest m = TestBundles.manifest("folded", "1.0.0").build();

    OpenedLoader opened = factory.open(m, dir, List.of());
    try (PluginClassLoader loader = opened.loader()) {
      assertThat(opened.pluginServices()).hasValueSatisfying(found -> assertThat(found).singleElement()
          .satisfies(f -> {
            assertThat(f.text()).isEqualTo("com.folded.FoldedPlugin\n");
            assertThat(f.location()).startsWith("file:").endsWith("classes/" + SERVICES);
          }));
      Plugin plugin = EntryDiscovery.find(m, opened).create();
      assertThat(plugin.getClass().getName()).isEqualTo("com.folded.FoldedPlugin");
      assertThat(plugin.getClass().getClassLoader()).isSameAs(loader);
    }
  }

  @Test
  void open_classesFolderWithoutServicesFile_knowsThereIsNone() throws Exception {
    Path dir = Files.createDirectories(root.resolve("bare/1.0.0"));
    writeTree(dir.resolve("classes"), compiled(TestBundles.jar("x.jar")
        .source("com.bare.BarePlugin", Sources.noop("com.bare.BarePlugin"))));

    OpenedLoader opened = factory.open(TestBundles.manifest("bare", "1.0.0").build(), dir, List.of());
    try (PluginClassLoader loader = opened.loader()) {
      assertThat(opened.pluginServices()).contains(List.of());
      assertThat(loader.loadClass("com.bare.BarePlugin").getClassLoader()).isSameAs(loader);
    }
  }

  @Test
  void open_classesFolderCarryingApiClass_isRefusedNamingClassAndFolder() throws Exception {
    Path dir = Files.createDirectories(root.resolve("sneaky/1.0.0"));
    writeTree(dir.resolve("classes"), compiled(TestBundles.jar("x.jar")
        .source("com.sneaky.Fine", "package com.sneaky; public final class Fine {}")
        .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}")));

    assertThatThrownBy(() -> factory.open(TestBundles.manifest("sneaky", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED);
          assertThat(e.pluginId()).isEqualTo("sneaky");
          assertThat(e.details()).containsEntry("class", "dev.plinth.api.Sneaky").containsEntry("jar", "classes");
        });
  }

  @Test
  void open_classesFolderWithLinkLeavingBundle_isRefused_linkInsideIsNot() throws Exception {
    // The loader reads a class folder through links; one leading outside would serve classes
    // from there, as a classpath jar linked from outside would (refused by the resolver).
    Path outside = root.resolve("outside");
    writeTree(outside, compiled(TestBundles.jar("x.jar")
        .source("com.lib.Util", "package com.lib; public final class Util {}")));
    Path dir = Files.createDirectories(root.resolve("linked/1.0.0"));
    writeTree(dir.resolve("classes"), compiled(TestBundles.jar("x.jar")
        .source("com.linked.Own", "package com.linked; public final class Own {}")));
    Files.createSymbolicLink(dir.resolve("classes/com/lib"), outside.resolve("com/lib"));

    assertThatThrownBy(() -> factory.open(TestBundles.manifest("linked", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID);
          assertThat(e.details()).containsEntry("field", "plugin.runtime.classpath").containsEntry("value", "classes/com/lib");
        });

    Files.delete(dir.resolve("classes/com/lib"));
    Files.createDirectories(dir.resolve("shared"));
    Files.createSymbolicLink(dir.resolve("classes/com/lib"), dir.resolve("shared"));
    factory.open(TestBundles.manifest("linked", "1.0.0").build(), dir, List.of()).loader().close();
  }

  @Test
  void open_multiReleaseJarCarryingVersionedApiClass_isRefused() throws Exception {
    Path dir = Files.createDirectories(root.resolve("versioned/1.0.0"));
    Map<String, byte[]> classes = compiled(TestBundles.jar("x.jar")
        .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}"));
    writeJar(dir.resolve("lib/mr.jar"), true,
        Map.of("META-INF/versions/17/dev/plinth/api/Sneaky.class", classes.get("dev/plinth/api/Sneaky.class")));

    assertThatThrownBy(() -> factory.open(TestBundles.manifest("versioned", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED);
          assertThat(e.details()).containsEntry("class", "dev.plinth.api.Sneaky").containsEntry("jar", "mr.jar");
        });
  }

  @Test
  void open_multiReleaseJarWithVersionedServicesFile_leavesTheEntryToTheLoader() throws Exception {
    Path dir = Files.createDirectories(root.resolve("mr/1.0.0"));
    Map<String, byte[]> entries = new LinkedHashMap<>(compiled(TestBundles.jar("x.jar")
        .source("com.mr.MrPlugin", Sources.noop("com.mr.MrPlugin"))));
    entries.put(SERVICES, utf8("com.mr.MrPlugin\n"));
    entries.put("META-INF/versions/17/" + SERVICES, utf8("com.mr.MrPlugin\n"));
    writeJar(dir.resolve("lib/mr.jar"), true, entries);
    PluginManifest m = TestBundles.manifest("mr", "1.0.0").build();

    OpenedLoader opened = factory.open(m, dir, List.of());
    try (PluginClassLoader loader = opened.loader()) {
      assertThat(opened.pluginServices()).as("the pass cannot tell which copy the loader returns").isEmpty();
      Plugin plugin = EntryDiscovery.find(m, opened).create();
      assertThat(plugin.getClass().getName()).isEqualTo("com.mr.MrPlugin");
      assertThat(plugin.getClass().getClassLoader()).isSameAs(loader);
    }
  }

  @Test
  void open_jarThatIsNotAZip_isClasspathUnreadableNamingIt() throws Exception {
    Path dir = Files.createDirectories(root.resolve("broken/1.0.0/lib"));
    Files.writeString(dir.resolve("broken.jar"), "this is not a zip file");

    assertThatThrownBy(() -> factory.open(TestBundles.manifest("broken", "1.0.0").build(), dir.getParent(), List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_UNREADABLE);
          assertThat(e.pluginId()).isEqualTo("broken");
          assertThat(e.getMessage()).isEqualTo("plugin.runtime.classpath entry must be a readable jar or folder: broken.jar");
          assertThat(e.details()).containsEntry("value", "broken.jar");
          assertThat(e.nextStep()).contains("Reinstall");
        });
  }

  @Test
  void classNameOf_mapsClassEntriesOnly() {
    assertThat(BundleCheck.classNameOf("com/acme/A.class")).isEqualTo("com.acme.A");
    assertThat(BundleCheck.classNameOf("META-INF/versions/21/com/acme/A.class")).isEqualTo("com.acme.A");
    assertThat(BundleCheck.classNameOf("META-INF/versions/A.class")).isNull();
    assertThat(BundleCheck.classNameOf("module-info.class")).isNull();
    assertThat(BundleCheck.classNameOf("META-INF/versions/11/module-info.class")).isNull();
    assertThat(BundleCheck.classNameOf("com/acme/a.properties")).isNull();
  }
}
