package dev.plinth.runtime.classloading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {
  private static final SharedPackages SHARED =
      SharedPackages.builder().export("dev.plinth.runtime.testhost.spi").build();
  private final ClassLoaderFactory factory = ClassLoaderFactory.of(SHARED);

  @TempDir Path root;

  private static TestBundles.JarSpec util(String version) {
    return TestBundles.jar("util-" + version + ".jar").source("com.lib.Util", """
        package com.lib;
        public final class Util {
          public static String version() { return "%s"; }
        }
        """.formatted(version));
  }

  private PluginClassLoader load(String id, TestBundles.JarSpec jar, List<PluginClassLoader> deps) throws IOException {
    PluginManifest m = TestBundles.manifest(id, "1.0.0").exports("com.dep.api").build();
    return factory.create(m, TestBundles.bundle(root, id, "1.0.0", jar), deps);
  }

  @Test
  void loadClass_twoPluginsBundleDifferentLibraryVersions_eachSeesItsOwn() throws Exception {
    try (PluginClassLoader a = load("plugin_a", util("1.0"), List.of());
        PluginClassLoader b = load("plugin_b", util("2.0"), List.of())) {
      Class<?> ua = a.loadClass("com.lib.Util");
      Class<?> ub = b.loadClass("com.lib.Util");

      assertThat(ua).isNotSameAs(ub);
      assertThat(ua.getClassLoader()).isSameAs(a);
      assertThat(ua.getMethod("version").invoke(null)).isEqualTo("1.0");
      assertThat(ub.getMethod("version").invoke(null)).isEqualTo("2.0");
    }
  }

  @Test
  void loadClass_hostInternalClass_isInvisible() throws Exception {
    try (PluginClassLoader a = load("plugin_a", util("1.0"), List.of())) {
      assertThatThrownBy(() -> a.loadClass("dev.plinth.runtime.testhost.internal.HostSecret"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> a.loadClass(PluginClassLoaderTest.class.getName()))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void loadClass_pluginBundlesClassNamedLikeHostInternal_getsItsOwnChildFirst() throws Exception {
    TestBundles.JarSpec jar = TestBundles.jar("own.jar").source("dev.plinth.runtime.testhost.internal.HostSecret", """
        package dev.plinth.runtime.testhost.internal;
        public final class HostSecret {
          public static String value() { return "plugin-own"; }
        }
        """);
    try (PluginClassLoader a = load("plugin_a", jar, List.of())) {
      Class<?> c = a.loadClass("dev.plinth.runtime.testhost.internal.HostSecret");
      assertThat(c.getClassLoader()).isSameAs(a);
      assertThat(c.getMethod("value").invoke(null)).isEqualTo("plugin-own");
    }
  }

  @Test
  void loadClass_sharedPackages_areTheHostsOwnClassObjects() throws Exception {
    try (PluginClassLoader a = load("plugin_a", util("1.0"), List.of())) {
      assertThat(a.loadClass(Greeter.class.getName())).isSameAs(Greeter.class);
      assertThat(a.loadClass(Plugin.class.getName())).isSameAs(Plugin.class);
      assertThat(a.loadClass("org.slf4j.Logger")).isSameAs(org.slf4j.Logger.class);
      assertThat(a.loadClass("java.sql.Driver")).isSameAs(java.sql.Driver.class);
    }
  }

  @Test
  void getResource_hostServicesFile_isInvisibleButSharedPackageResourceVisible() throws Exception {
    String services = "META-INF/services/" + Greeter.class.getName();
    assertThat(getClass().getClassLoader().getResource(services)).as("host has the file").isNotNull();
    try (PluginClassLoader a = load("plugin_a", util("1.0"), List.of())) {
      assertThat(a.getResource(services)).isNull();
      assertThat(Collections.list(a.getResources(services))).isEmpty();
      URL shared = a.getResource("dev/plinth/runtime/testhost/spi/spi.properties");
      assertThat(shared).isEqualTo(getClass().getClassLoader().getResource("dev/plinth/runtime/testhost/spi/spi.properties"));
      assertThat(a.getResource("com/lib/Util.class")).isNotNull();
    }
  }

  @Test
  void loadClass_dependencyExports_visibleToDependentsOnly() throws Exception {
    TestBundles.JarSpec depJar = TestBundles.jar("dep.jar")
        .source("com.dep.api.Api", "package com.dep.api; public final class Api { public static int answer() { return 42; } }")
        .source("com.dep.impl.Impl", "package com.dep.impl; public final class Impl {}");
    try (PluginClassLoader dep = load("dep_plugin", depJar, List.of());
        PluginClassLoader dependent = load("dependent", util("1.0"), List.of(dep));
        PluginClassLoader stranger = load("stranger", util("1.0"), List.of())) {
      Class<?> api = dependent.loadClass("com.dep.api.Api");

      assertThat(api).isSameAs(dep.loadClass("com.dep.api.Api"));
      assertThat(api.getClassLoader()).isSameAs(dep);
      assertThatThrownBy(() -> dependent.loadClass("com.dep.impl.Impl")).isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> stranger.loadClass("com.dep.api.Api")).isInstanceOf(ClassNotFoundException.class);
    }
  }

  @Test
  void create_bundleCarriesApiClass_isRejectedNamingClassAndJar() throws Exception {
    TestBundles.JarSpec bad = TestBundles.jar("bad.jar")
        .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}");
    Path dir = TestBundles.bundle(root, "sneaky", "1.0.0", bad);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("sneaky", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED);
          assertThat(e.details()).containsEntry("class", "dev.plinth.api.Sneaky").containsEntry("jar", "bad.jar");
          assertThat(e.getMessage()).isEqualTo("bundle must not contain host classes: dev.plinth.api.Sneaky in bad.jar");
        });
  }

  @Test
  void create_bundleCarriesHostExportedClass_isRejected() throws Exception {
    TestBundles.JarSpec bad = TestBundles.jar("spi-copy.jar")
        .source("dev.plinth.runtime.testhost.spi.Greeter", "package dev.plinth.runtime.testhost.spi; public interface Greeter {}");
    Path dir = TestBundles.bundle(root, "copycat", "1.0.0", bad);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("copycat", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED);
          assertThat(e.details()).containsEntry("class", "dev.plinth.runtime.testhost.spi.Greeter")
              .containsEntry("jar", "spi-copy.jar");
        });
  }

  @Test
  void create_classpathLeavesBundle_isRejected() throws Exception {
    Path dir = TestBundles.bundle(root, "escaper", "1.0.0", util("1.0"));
    PluginManifest m = TestBundles.manifest("escaper", "1.0.0").classpath("lib/*.jar", "../../other.jar").build();

    assertThatThrownBy(() -> factory.create(m, dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID);
          assertThat(e.details()).containsEntry("value", "../../other.jar");
        });
  }

  @Test
  void create_jarClassPathAttributeLeavesBundle_isRejectedNamingJarAndEntry() throws Exception {
    Path outside = util("9.0").writeTo(Files.createDirectories(root.resolve("outside")));
    TestBundles.JarSpec jar = TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .manifestAttribute("Class-Path", "../../../outside/" + outside.getFileName());
    Path dir = TestBundles.bundle(root, "cp_escaper", "1.0.0", jar);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("cp_escaper", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID);
          assertThat(e.pluginId()).isEqualTo("cp_escaper");
          assertThat(e.details())
              .containsEntry("field", "Class-Path")
              .containsEntry("value", "../../../outside/util-9.0.jar")
              .containsEntry("jar", "own.jar");
          assertThat(e.getMessage()).contains("own.jar", "../../../outside/util-9.0.jar");
          assertThat(e.nextStep()).contains("Class-Path");
        });
  }

  @Test
  void create_jarIndexNamingJarOutsideBundle_isRejected() throws Exception {
    // JDK 17's URLClassLoader follows a jar index to the jars it names: without the check this
    // plugin's loader would define com.lib.Util from outside/util-9.0.jar.
    Path outside = util("9.0").writeTo(Files.createDirectories(root.resolve("outside")));
    TestBundles.JarSpec jar = TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .resource("META-INF/INDEX.LIST", "JarIndex-Version: 1.0\n\nown.jar\ncom/own\n\n../../../outside/"
            + outside.getFileName() + "\ncom/lib\n\n");
    Path dir = TestBundles.bundle(root, "index_escaper", "1.0.0", jar);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("index_escaper", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID);
          assertThat(e.details())
              .containsEntry("field", "META-INF/INDEX.LIST")
              .containsEntry("value", "../../../outside/util-9.0.jar")
              .containsEntry("jar", "own.jar");
          assertThat(e.nextStep()).contains("INDEX.LIST");
        });
  }

  @Test
  void create_jarClassPathWithCharactersAUriRefuses_isStillResolvedAndRejected() throws Exception {
    // The JDK's loader maps a file: URL to a path without URI parsing, so '^' or '|' in a token
    // still leads to that file; a check that gives up on such a token would let it through.
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.move(util("9.0").writeTo(outside), outside.resolve("ut^il|9.jar"));
    TestBundles.JarSpec jar = TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .manifestAttribute("Class-Path", "../../../outside/ut^il|9.jar");
    Path dir = TestBundles.bundle(root, "cp_odd", "1.0.0", jar);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("cp_odd", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID);
          assertThat(e.details()).containsEntry("value", "../../../outside/ut^il|9.jar");
        });
  }

  @Test
  void create_jarClassPathAbsoluteFileUrlOutsideBundle_isRejected() throws Exception {
    Path outside = util("9.0").writeTo(Files.createDirectories(root.resolve("outside")));
    TestBundles.JarSpec jar = TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .manifestAttribute("Class-Path", outside.toUri().toString());
    Path dir = TestBundles.bundle(root, "cp_absolute", "1.0.0", jar);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("cp_absolute", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID));
  }

  @Test
  void loadClass_jarClassPathInsideBundle_isFollowedLikeTheJdk() throws Exception {
    Path dir = TestBundles.bundle(root, "cp_inside", "1.0.0", TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .manifestAttribute("Class-Path", "extra/util-1.0.jar"));
    util("1.0").writeTo(Files.createDirectories(dir.resolve("lib/extra")));

    try (PluginClassLoader a = factory.create(TestBundles.manifest("cp_inside", "1.0.0").build(), dir, List.of())) {
      assertThat(a.loadClass("com.lib.Util").getMethod("version").invoke(null)).isEqualTo("1.0");
    }
  }

  @Test
  void create_jarClassPathInsideBundleCarriesApiClass_isRejected() throws Exception {
    Path dir = TestBundles.bundle(root, "cp_sneaky", "1.0.0", TestBundles.jar("own.jar")
        .source("com.own.Own", "package com.own; public final class Own {}")
        .manifestAttribute("Class-Path", "extra/bad.jar"));
    TestBundles.jar("bad.jar")
        .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}")
        .writeTo(Files.createDirectories(dir.resolve("lib/extra")));

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("cp_sneaky", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED);
          assertThat(e.details()).containsEntry("class", "dev.plinth.api.Sneaky").containsEntry("jar", "bad.jar");
        });
  }

  @Test
  void create_classpathSymlinkOutsideBundle_isRejected() throws Exception {
    Path dir = TestBundles.bundle(root, "linker", "1.0.0", util("1.0"));
    Path outside = util("9.0").writeTo(Files.createDirectories(root.resolve("outside")));
    Files.createSymbolicLink(dir.resolve("lib").resolve("evil.jar"), outside);

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("linker", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_INVALID));
  }

  @Test
  void create_nothingOnClasspath_isClasspathEmpty() throws Exception {
    Path dir = Files.createDirectories(root.resolve("empty/1.0.0"));

    assertThatThrownBy(() -> factory.create(TestBundles.manifest("empty", "1.0.0").build(), dir, List.of()))
        .isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
          assertThat(e.code()).isEqualTo(RuntimeErrorCode.CLASSPATH_EMPTY);
          assertThat(e.pluginId()).isEqualTo("empty");
        });
  }

  @Test
  void jdbcDrivers_driverRegisteredByPlugin_isListedAndDeregistered() throws Exception {
    TestBundles.JarSpec jar =
        TestBundles.jar("driver.jar").source("com.acme.AcmeDriver", Sources.jdbcDriver("com.acme.AcmeDriver"));
    try (PluginClassLoader a = load("jdbc_plugin", jar, List.of())) {
      Class.forName("com.acme.AcmeDriver", true, a);

      assertThat(a.jdbcDrivers(false)).containsExactly("com.acme.AcmeDriver");
      assertThat(a.jdbcDrivers(true)).containsExactly("com.acme.AcmeDriver");
      assertThat(a.jdbcDrivers(false)).isEmpty();
    }
  }

  @Test
  void getResource_openedAndRead_leavesNoFileHandleOnTheJarOnceClosed() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd (Linux)");
    PluginClassLoader a = load("reader", util("1.0").resource("data/note.txt", "hello"), List.of());
    Path jar = root.resolve("reader/1.0.0/lib/util-1.0.jar").toRealPath();

    URL url = a.getResource("data/note.txt");
    try (java.io.InputStream in = url.openStream()) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello");
    }
    assertThat(url.getProtocol()).isEqualTo("jar");
    assertThat(url.openConnection()).isInstanceOf(java.net.JarURLConnection.class);
    URL plain = new URL(url.toExternalForm());
    assertThat(url).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(plain).isEqualTo(url);
    assertThat(Collections.list(a.getResources("data/note.txt"))).containsExactly(url);
    try (java.io.InputStream in = Collections.list(a.getResources("data/note.txt")).get(0).openStream()) {
      assertThat(in.readAllBytes()).hasSize(5);
    }
    a.close();

    // The JDK's jar cache would keep the jar open for good after a cached openStream().
    assertThat(openHandles(fds, jar)).isZero();
  }

  private static long openHandles(Path fds, Path file) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(fds)) {
      return s.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(file);
        } catch (IOException | UnsupportedOperationException gone) {
          return false;
        }
      }).count();
    }
  }

  @Test
  void close_loaderClosed_loadsNothingNew() throws Exception {
    PluginClassLoader a = load("plugin_a", util("1.0"), List.of());
    a.close();

    assertThat(a.isClosed()).isTrue();
    assertThatThrownBy(() -> a.loadClass("com.lib.Util")).isInstanceOf(ClassNotFoundException.class);
    assertThat(a.getName()).startsWith("plinth:plugin_a@1.0.0#");
  }
}
