package dev.plinth.testkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.HealthStatus;
import dev.plinth.api.Plugin;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginBundleBuilderTest {
  static final String TEXT_LIB = """
      package com.acme.util;
      public final class Text {
        public static String shout(String s) { return s.toUpperCase() + "!"; }
      }
      """;
  static final String HELLO_PLUGIN = """
      package com.acme.hello;
      import dev.plinth.api.HealthStatus;
      import dev.plinth.api.Plugin;
      public final class HelloPlugin implements Plugin {
        @Override public HealthStatus health() {
          return HealthStatus.degraded(com.acme.util.Text.shout("hello"));
        }
      }
      """;

  @TempDir Path temp;

  private PluginBundleBuilder hello() {
    return PluginBundle.builder("acme_hello", "1.2.0")
        .pluginClass("com.acme.hello.HelloPlugin")
        .source("com.acme.hello.HelloPlugin", HELLO_PLUGIN)
        .library("acme-util.jar", JarBuilder.create().source("com.acme.util.Text", TEXT_LIB));
  }

  @Test
  void writeTarGz_compiledPluginWithLibrary_loadsThroughServiceLoader() throws Exception {
    BuiltBundle bundle = hello().writeTarGz(temp.resolve("out"));
    Path root = Files.createDirectories(temp.resolve("x"));
    ArchiveReader.extractTrusted(bundle.path(), root);

    URL[] urls = {root.resolve("classes").toUri().toURL(),
        root.resolve("lib/acme-util.jar").toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(urls, Plugin.class.getClassLoader())) {
      List<Plugin> plugins = ServiceLoader.load(Plugin.class, loader).stream()
          .map(ServiceLoader.Provider::get).toList();
      assertThat(plugins).singleElement()
          .satisfies(p -> assertThat(p.getClass().getName()).isEqualTo("com.acme.hello.HelloPlugin"))
          .satisfies(p -> assertThat(p.getClass().getClassLoader()).isSameAs(loader))
          .satisfies(p -> assertThat(p.health())
              .isEqualTo(new HealthStatus(HealthStatus.State.DEGRADED, "HELLO!")));
    }
  }

  @Test
  void writeTarGz_layout_hasManifestClassesServicesAndLib() throws IOException {
    BuiltBundle bundle = hello().file("bin/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), true)
        .writeTarGz(temp);

    List<TarArchiveEntry> entries = ArchiveReader.tarEntries(bundle.path());
    assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
        "bin/", "bin/run.sh", "classes/", "classes/META-INF/", "classes/META-INF/services/",
        "classes/META-INF/services/dev.plinth.api.Plugin", "classes/com/", "classes/com/acme/",
        "classes/com/acme/hello/", "classes/com/acme/hello/HelloPlugin.class", "lib/",
        "lib/acme-util.jar", "plugin.toml");
    assertThat(ArchiveReader.tarFiles(bundle.path()).get("classes/META-INF/services/dev.plinth.api.Plugin"))
        .asString(StandardCharsets.UTF_8).isEqualTo("com.acme.hello.HelloPlugin\n");
  }

  @Test
  void writeTarGz_entries_haveFixedTimesOwnersAndModes() throws IOException {
    BuiltBundle bundle = hello().file("bin/run.sh", new byte[] {1}, true).writeTarGz(temp);

    for (TarArchiveEntry e : ArchiveReader.tarEntries(bundle.path())) {
      assertThat(e.getModTime().getTime()).as(e.getName()).isEqualTo(1_577_836_800_000L);
      assertThat(e.getLongUserId()).isZero();
      assertThat(e.getLongGroupId()).isZero();
      assertThat(e.getUserName()).isEmpty();
      int expected = e.isDirectory() || e.getName().equals("bin/run.sh") ? 0755 : 0644;
      assertThat(e.getMode() & 07777).as(e.getName()).isEqualTo(expected);
    }
  }

  @Test
  void writeTarGz_sameInputsTwice_identicalBytesAndDigest() {
    BuiltBundle first = hello().writeTarGz(temp.resolve("a"));
    BuiltBundle second = hello().writeTarGz(temp.resolve("b"));

    assertThat(second.bytes()).isEqualTo(first.bytes());
    assertThat(second.sha256()).isEqualTo(first.sha256());
  }

  @Test
  void writeZip_otherTimeZone_identicalBytes() {
    TimeZone original = TimeZone.getDefault();
    BuiltBundle first = hello().writeZip(temp.resolve("a"));
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      BuiltBundle second = hello().writeZip(temp.resolve("b"));
      assertThat(second.bytes()).isEqualTo(first.bytes());
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void writeZip_readWithJavaUtilZip_sameFilesAsTarGz() throws IOException {
    BuiltBundle zip = hello().writeZip(temp);

    try (ZipFile file = new ZipFile(zip.path().toFile())) {
      assertThat(file.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).toList())
          .containsExactly("classes/META-INF/services/dev.plinth.api.Plugin",
              "classes/com/acme/hello/HelloPlugin.class", "lib/acme-util.jar", "plugin.toml");
      assertThat(new String(file.getInputStream(file.getEntry("plugin.toml")).readAllBytes(),
          StandardCharsets.UTF_8)).isEqualTo(zip.manifest());
    }
    assertThat(zip.fileName()).isEqualTo("acme_hello-1.2.0-noarch.zip");
  }

  @Test
  void writeTarGz_digestAndSidecar_matchArchiveBytes() throws Exception {
    BuiltBundle bundle = hello().target("linux-x86_64").writeTarGz(temp);

    String hex = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bundle.path())));
    assertThat(bundle.fileName()).isEqualTo("acme_hello-1.2.0-linux-x86_64.tar.gz");
    assertThat(bundle.sha256()).isEqualTo(hex);
    assertThat(bundle.size()).isEqualTo(Files.size(bundle.path()));
    assertThat(bundle.sha256File()).hasFileName("acme_hello-1.2.0-linux-x86_64.tar.gz.sha256");
    assertThat(Files.readString(bundle.sha256File()))
        .isEqualTo(hex + "  acme_hello-1.2.0-linux-x86_64.tar.gz\n");
    assertThat(bundle.target()).isEqualTo("linux-x86_64");
  }

  @Test
  void writeTarGz_existingJarClassFolderResourceAndService_packedAndUsable() throws Exception {
    Path utilJar = JarBuilder.create().source("com.acme.util.Text", TEXT_LIB).write(temp.resolve("prebuilt/acme-util.jar"));
    Path extraClasses = Files.createDirectories(temp.resolve("extra"));
    try (ZipFile built = new ZipFile(JarBuilder.create()
        .source("com.acme.extra.Extra", "package com.acme.extra; public final class Extra { public static int two() { return 2; } }")
        .write(temp.resolve("extra.jar")).toFile())) {
      ZipEntry e = built.getEntry("com/acme/extra/Extra.class");
      Path target = Files.createDirectories(extraClasses.resolve("com/acme/extra")).resolve("Extra.class");
      Files.write(target, built.getInputStream(e).readAllBytes());
    }
    BuiltBundle bundle = PluginBundle.builder("acme_hello", "1.2.0")
        .pluginClass("com.acme.hello.HelloPlugin")
        .source("com.acme.hello.HelloPlugin", HELLO_PLUGIN)
        .library(utilJar)
        .classes(extraClasses)
        .resource("config/defaults.properties", "greeting=hi\n")
        .service("java.lang.Runnable", "com.acme.hello.Task")
        .source("com.acme.hello.Task", "package com.acme.hello; public final class Task implements Runnable { public void run() {} }")
        .writeTarGz(temp.resolve("out"));
    Path root = Files.createDirectories(temp.resolve("x"));
    ArchiveReader.extractTrusted(bundle.path(), root);

    assertThat(root.resolve("lib/acme-util.jar")).hasSameBinaryContentAs(utilJar);
    URL[] urls = {root.resolve("classes").toUri().toURL(), root.resolve("lib/acme-util.jar").toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(urls, Plugin.class.getClassLoader())) {
      assertThat(ServiceLoader.load(Plugin.class, loader).findFirst().orElseThrow().health().detail()).isEqualTo("HELLO!");
      assertThat(loader.loadClass("com.acme.extra.Extra").getMethod("two").invoke(null)).isEqualTo(2);
      try (InputStream in = loader.getResourceAsStream("config/defaults.properties")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("greeting=hi\n");
      }
      assertThat(ServiceLoader.load(Runnable.class, loader).stream().map(p -> p.type().getName()))
          .containsExactly("com.acme.hello.Task");
    }
  }

  @Test
  void library_sameFileNameTwice_rejectedNamingIt() {
    Path a = JarBuilder.create().source("com.acme.util.Text", TEXT_LIB).write(temp.resolve("a/acme-util.jar"));
    Path b = JarBuilder.create().source("com.acme.util.Text", TEXT_LIB).write(temp.resolve("b/acme-util.jar"));

    assertThatThrownBy(() -> PluginBundle.builder("acme_hello", "1.2.0").library(a).library(b))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage()).contains("lib/acme-util.jar");
        });
  }

  @Test
  void writeJar_manifestAndClassesAtRoot_loadable() throws Exception {
    BuiltBundle jar = PluginBundle.builder("acme_jar", "0.1.0")
        .pluginClass("com.acme.j.JarPlugin")
        .source("com.acme.j.JarPlugin",
            "package com.acme.j; public final class JarPlugin implements dev.plinth.api.Plugin {}")
        .writeJar(temp);

    try (ZipFile file = new ZipFile(jar.path().toFile())) {
      assertThat(file.getEntry("plugin.toml")).isNotNull();
      assertThat(file.getEntry("com/acme/j/JarPlugin.class")).isNotNull();
      assertThat(file.getEntry("META-INF/MANIFEST.MF")).isNotNull();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.path().toUri().toURL()},
        Plugin.class.getClassLoader())) {
      assertThat(ServiceLoader.load(Plugin.class, loader).findFirst())
          .hasValueSatisfying(p -> assertThat(p.getClass().getName()).isEqualTo("com.acme.j.JarPlugin"));
    }
  }

  @Test
  void writeJar_withLibrary_rejectedNamingTheLibrary() {
    assertThatThrownBy(() -> hello().writeJar(temp))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage())
              .isEqualTo("libraries not allowed in a single-jar bundle: [acme-util.jar]");
          assertThat(e.nextStep()).contains(".tar.gz");
        });
  }

  @Test
  void source_doesNotCompile_failsWithDiagnostic() {
    PluginBundleBuilder b = PluginBundle.builder("acme_bad", "1.0.0")
        .source("com.acme.Bad", "package com.acme; public final class Bad { int x = \"s\"; }");

    assertThatThrownBy(() -> b.writeTarGz(temp))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.SOURCE_COMPILE_FAILED);
          assertThat(e.getMessage()).startsWith("sources do not compile: ")
              .contains("com/acme/Bad.java:1");
        });
  }

  @Test
  void name_setTwice_rejectedNamingOldValue() {
    PluginBundleBuilder b = PluginBundle.builder("acme_x", "1.0.0").name("First");

    assertThatThrownBy(() -> b.name("Second"))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.BUILDER_SETTING_INVALID);
          assertThat(e.getMessage())
              .isEqualTo("plugin.name already set: First (second value: Second)");
        });
  }

  @Test
  void file_withTraversal_rejected() {
    assertThatThrownBy(() -> PluginBundle.builder("acme_x", "1.0.0").file("../evil", "x"))
        .isInstanceOfSatisfying(TestkitException.class, e -> assertThat(e.getMessage())
            .isEqualTo("file must be a relative path of plain segments: ../evil"));
  }

  @Test
  void withoutManifest_archiveHasNoPluginToml() throws IOException {
    BuiltBundle b = PluginBundle.builder("acme_none", "1.0.0").withoutManifest()
        .file("README.md", "hi").writeTarGz(temp);

    assertThat(b.manifest()).isNull();
    assertThat(ArchiveReader.tarFiles(b.path())).containsOnlyKeys("README.md");
  }

  @Test
  void rootFolder_everythingUnderOneFolder() throws IOException {
    BuiltBundle b = PluginBundle.builder("acme_wrapped", "1.0.0").rootFolder("acme_wrapped-1.0.0")
        .file("README.md", "hi").writeTarGz(temp);

    assertThat(ArchiveReader.tarFiles(b.path()))
        .containsOnlyKeys("acme_wrapped-1.0.0/README.md", "acme_wrapped-1.0.0/plugin.toml");
  }

  @Test
  void manifestText_rawText_writtenVerbatim() throws IOException {
    String raw = "[plugin]\nid = \"acme_raw\"\nversion = \"1.0.0\"\nclaspath = [\"x\"]\n";
    BuiltBundle b = PluginBundle.builder("acme_raw", "1.0.0").manifestText(raw).writeTarGz(temp);

    assertThat(ArchiveReader.tarFiles(b.path()).get("plugin.toml"))
        .asString(StandardCharsets.UTF_8).isEqualTo(raw);
    assertThat(b.manifest()).isEqualTo(raw);
  }

  @Test
  void writeFolder_layoutOnDisk() throws IOException {
    Path folder = hello().writeFolder(temp.resolve("bundle"));

    assertThat(folder.resolve("plugin.toml")).isRegularFile();
    assertThat(folder.resolve("classes/com/acme/hello/HelloPlugin.class")).isRegularFile();
    assertThat(folder.resolve("lib/acme-util.jar")).isRegularFile();
    assertThat(Files.readString(folder.resolve("plugin.toml")))
        .startsWith("[plugin]\nid = \"acme_hello\"\nversion = \"1.2.0\"\n");
  }
}
