package dev.plinth.runtime.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.Plugin;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.SharedPackages;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryDiscoveryTest {
  @TempDir Path root;
  private PluginClassLoader loader;

  @AfterEach
  void close() throws Exception {
    if (loader != null) {
      loader.close();
    }
  }

  private PluginClassLoader loader(PluginManifest m, TestBundles.JarSpec jar) throws Exception {
    loader = ClassLoaderFactory.of(SharedPackages.defaults())
        .create(m, TestBundles.bundle(root, m.id(), m.version(), jar), List.of());
    return loader;
  }

  private static PluginRuntimeException thrown(Runnable r) {
    try {
      r.run();
    } catch (PluginRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a PluginRuntimeException");
  }

  @Test
  void find_oneProvider_returnsItAndCreatesIt() throws Exception {
    PluginManifest m = TestBundles.manifest("one", "1.0.0").build();
    PluginClassLoader l = loader(m, TestBundles.jar("one.jar")
        .source("com.one.OnePlugin", Sources.noop("com.one.OnePlugin")).plugin("com.one.OnePlugin"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, l);
    Plugin p = entry.create();

    assertThat(entry.className()).isEqualTo("com.one.OnePlugin");
    assertThat(p.getClass().getClassLoader()).isSameAs(l);
  }

  @Test
  void find_noProvider_isEntryNotFound() throws Exception {
    PluginManifest m = TestBundles.manifest("none", "1.0.0").build();
    PluginClassLoader l = loader(m, TestBundles.jar("none.jar").source("com.none.NonePlugin", Sources.noop("com.none.NonePlugin")));

    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, l));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo(
        "META-INF/services/dev.plinth.api.Plugin must list one Plugin class of this bundle: none found");
  }

  @Test
  void find_severalProviders_isAmbiguousNamingEach() throws Exception {
    PluginManifest m = TestBundles.manifest("two", "1.0.0").build();
    PluginClassLoader l = loader(m, TestBundles.jar("two.jar")
        .source("com.two.A", Sources.noop("com.two.A")).source("com.two.B", Sources.noop("com.two.B"))
        .plugin("com.two.A", "com.two.B"));

    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, l));

    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_AMBIGUOUS);
    assertThat(e.getMessage()).endsWith("must list exactly one Plugin class: [com.two.A, com.two.B]");
  }

  @Test
  void find_entryOverride_winsOverSeveralProviders() throws Exception {
    PluginManifest m = TestBundles.manifest("two", "1.0.0").entry("com.two.B").build();
    PluginClassLoader l = loader(m, TestBundles.jar("two.jar")
        .source("com.two.A", Sources.noop("com.two.A")).source("com.two.B", Sources.noop("com.two.B"))
        .plugin("com.two.A", "com.two.B"));

    EntryDiscovery.EntryPoint entry = EntryDiscovery.find(m, l);

    assertThat(entry.className()).isEqualTo("com.two.B");
    assertThat(entry.create().getClass().getName()).isEqualTo("com.two.B");
  }

  @Test
  void find_entryMissingOrNotAPlugin_isTyped() throws Exception {
    PluginManifest missing = TestBundles.manifest("bad", "1.0.0").entry("com.bad.Missing").build();
    PluginManifest notPlugin = TestBundles.manifest("bad", "1.0.0").entry("com.bad.NotAPlugin").build();
    PluginManifest hidden = TestBundles.manifest("bad", "1.0.0").entry("com.bad.NoCtor").build();
    PluginClassLoader l = loader(missing, TestBundles.jar("bad.jar")
        .source("com.bad.NotAPlugin", "package com.bad; public class NotAPlugin {}")
        .source("com.bad.NoCtor", "package com.bad; public class NoCtor implements dev.plinth.api.Plugin { NoCtor(int x) {} }"));

    assertThat(thrown(() -> EntryDiscovery.find(missing, l)).code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
    PluginRuntimeException e = thrown(() -> EntryDiscovery.find(notPlugin, l));
    assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_INVALID);
    assertThat(e.getMessage()).isEqualTo("plugin.runtime.entry must implement dev.plinth.api.Plugin: com.bad.NotAPlugin");
    assertThat(thrown(() -> EntryDiscovery.find(hidden, l)).getMessage())
        .isEqualTo("plugin.runtime.entry must have a public no-arg constructor: com.bad.NoCtor");
  }

  @Test
  void find_providerDefinedByAnotherLoader_isIgnoredWithoutInstantiation() throws Exception {
    PluginManifest m = TestBundles.manifest("parent", "1.0.0").build();
    PluginClassLoader parent = loader(m, TestBundles.jar("p.jar")
        .source("com.p.Loud", Sources.plugin("com.p.Loud", "", "", "return HealthStatus.healthy();")
            .replace("public class Loud implements Plugin {",
                "public class Loud implements Plugin { public Loud() { System.setProperty(\"plinth.test.loud\", \"made\"); }"))
        .plugin("com.p.Loud"));
    try (URLClassLoader child = new URLClassLoader(new URL[0], parent)) {
      PluginRuntimeException e = thrown(() -> EntryDiscovery.find(m, child));

      assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_NOT_FOUND);
      assertThat(System.getProperty("plinth.test.loud")).isNull();
    }
  }
}
