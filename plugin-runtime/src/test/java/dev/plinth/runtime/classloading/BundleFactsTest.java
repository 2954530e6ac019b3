package dev.plinth.runtime.classloading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.Plugin;
import dev.plinth.installer.store.BootFacts;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.discovery.EntryDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boot facts: computed by the same resolution and bundle check as a load, and used by {@link
 * ClassLoaderFactory#open(PluginManifest, Path, List, BootFacts)} only while every jar keeps its
 * recorded size and last-modified time and the check's key is unchanged. Real jars compiled here.
 */
class BundleFactsTest {
  private final ClassLoaderFactory factory = ClassLoaderFactory.of(SharedPackages.defaults());

  @TempDir Path root;

  private Path bundle(String id, String... plugins) throws Exception {
    TestBundles.JarSpec jar = TestBundles.jar(id + ".jar");
    for (String p : plugins) {
      jar.source(p, Sources.noop(p));
    }
    return TestBundles.bundle(root, id, "1.0.0", jar.plugin(plugins));
  }

  @Test
  void compute_jarBundle_recordsClasspathStampsAndServicesText() throws Exception {
    Path dir = bundle("alpha", "com.alpha.AlphaPlugin");
    PluginManifest m = TestBundles.manifest("alpha", "1.0.0").build();

    BootFacts facts = factory.bootFacts().compute(m, dir).orElseThrow();

    Path jar = dir.resolve("lib/alpha.jar");
    assertThat(facts.checkKey()).isEqualTo(factory.bootFacts().checkKey());
    assertThat(facts.classpath()).singleElement().satisfies(j -> {
      assertThat(j.path()).isEqualTo("lib/alpha.jar");
      assertThat(j.size()).isEqualTo(Files.size(jar));
      assertThat(j.modified()).isEqualTo(Files.getLastModifiedTime(jar).toMillis());
      assertThat(j.pluginServices()).isEqualTo("com.alpha.AlphaPlugin\n");
    });
  }

  @Test
  void open_withMatchingFacts_takesTheEntryFromTheFactsNotTheJar() throws Exception {
    Path dir = bundle("beta", "com.beta.One", "com.beta.Two");
    PluginManifest m = TestBundles.manifest("beta", "1.0.0").build();
    BootFacts real = factory.bootFacts().compute(m, dir).orElseThrow();
    // Facts naming one of the two providers: only facts that were used can pick one.
    BootFacts.Jar j = real.classpath().get(0);
    BootFacts facts = new BootFacts(real.checkKey(),
        List.of(new BootFacts.Jar(j.path(), j.size(), j.modified(), "com.beta.Two\n")));

    OpenedLoader opened = factory.open(m, dir, List.of(), facts);
    try (PluginClassLoader loader = opened.loader()) {
      Plugin plugin = EntryDiscovery.find(m, opened).create();
      assertThat(plugin.getClass().getName()).isEqualTo("com.beta.Two");
      assertThat(plugin.getClass().getClassLoader()).isSameAs(loader);
    }
  }

  @Test
  void open_jarChangedSinceTheFacts_takesTheFullPath() throws Exception {
    Path dir = bundle("gamma", "com.gamma.One", "com.gamma.Two");
    PluginManifest m = TestBundles.manifest("gamma", "1.0.0").build();
    BootFacts real = factory.bootFacts().compute(m, dir).orElseThrow();
    BootFacts.Jar j = real.classpath().get(0);
    BootFacts facts = new BootFacts(real.checkKey(),
        List.of(new BootFacts.Jar(j.path(), j.size(), j.modified(), "com.gamma.Two\n")));
    Path jar = dir.resolve("lib/gamma.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(j.modified() + 5_000));

    // The full path reads the jar's own services file, which names both: ambiguous.
    assertThatThrownBy(() -> EntryDiscovery.find(m, factory.open(m, dir, List.of(), facts)))
        .isInstanceOfSatisfying(PluginRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_AMBIGUOUS));
  }

  @Test
  void open_factsOfAnotherCheck_takeTheFullPath() throws Exception {
    Path dir = bundle("delta", "com.delta.One", "com.delta.Two");
    PluginManifest m = TestBundles.manifest("delta", "1.0.0").build();
    BootFacts.Jar j = factory.bootFacts().compute(m, dir).orElseThrow().classpath().get(0);
    BootFacts other = new BootFacts("1:dev.plinth.api,com.host.spi",
        List.of(new BootFacts.Jar(j.path(), j.size(), j.modified(), "com.delta.Two\n")));

    assertThatThrownBy(() -> EntryDiscovery.find(m, factory.open(m, dir, List.of(), other)))
        .isInstanceOfSatisfying(PluginRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.ENTRY_AMBIGUOUS));
  }

  @Test
  void compute_bundleCarryingApiClass_hasNoFacts_andLoadingStillRefusesIt() throws Exception {
    Path dir = TestBundles.bundle(root, "sneaky", "1.0.0", TestBundles.jar("sneaky.jar")
        .source("com.sneaky.SneakyPlugin", Sources.noop("com.sneaky.SneakyPlugin"))
        .source("dev.plinth.api.Sneaky", "package dev.plinth.api; public final class Sneaky {}")
        .plugin("com.sneaky.SneakyPlugin"));
    PluginManifest m = TestBundles.manifest("sneaky", "1.0.0").build();

    assertThat(factory.bootFacts().compute(m, dir)).isEmpty();
    assertThatThrownBy(() -> factory.open(m, dir, List.of(), null))
        .isInstanceOfSatisfying(PluginRuntimeException.class,
            e -> assertThat(e.code()).isEqualTo(RuntimeErrorCode.LOAD_HOST_CLASSES_REFUSED));
  }

  @Test
  void compute_classFolderOnTheClasspath_hasNoFacts() throws Exception {
    Path dir = bundle("folded", "com.folded.FoldedPlugin");
    Files.createDirectories(dir.resolve("classes/com/folded"));
    PluginManifest m = TestBundles.manifest("folded", "1.0.0").build();

    assertThat(factory.bootFacts().compute(m, dir)).isEmpty();
  }

  @Test
  void checkKey_dependsOnTheGuardedPackages() {
    ClassLoaderFactory exporting = ClassLoaderFactory.of(SharedPackages.builder().export("com.host.spi").build());

    assertThat(exporting.bootFacts().checkKey()).isNotEqualTo(factory.bootFacts().checkKey()).contains("com.host.spi");
  }
}
