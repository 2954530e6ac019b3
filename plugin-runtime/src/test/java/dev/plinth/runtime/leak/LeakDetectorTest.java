package dev.plinth.runtime.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.classloading.ClassLoaderFactory;
import dev.plinth.runtime.classloading.PluginClassLoader;
import dev.plinth.runtime.classloading.SharedPackages;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakDetectorTest {
  @TempDir Path root;

  @Test
  void awaitCollected_stronglyHeld_timesOut() {
    Object held = new Object();
    WeakReference<Object> ref = new WeakReference<>(held);

    assertThat(LeakDetector.awaitCollected(ref, Duration.ofMillis(60))).isFalse();
    assertThat(held).isNotNull();
  }

  @Test
  void awaitCollected_unreachable_isCollected() {
    WeakReference<Object> ref = new WeakReference<>(new Object());

    assertThat(LeakDetector.awaitCollected(ref, Duration.ofSeconds(2))).isTrue();
  }

  @Test
  void inspect_securityProviderOfThePlugin_isNamedAndRemoved_othersAreNot() throws Exception {
    Path dir = TestBundles.bundle(root, "crypto", "1.0.0", TestBundles.jar("crypto.jar")
        .source("com.crypto.LeakyProvider", """
            package com.crypto;
            public final class LeakyProvider extends java.security.Provider {
              public LeakyProvider() { super("PlinthLeakyProvider", "1.0", "left behind"); }
            }
            """));
    int before = Security.getProviders().length;
    try (PluginClassLoader loader = ClassLoaderFactory.of(SharedPackages.defaults())
        .create(TestBundles.manifest("crypto", "1.0.0").build(), dir, List.of())) {
      Security.addProvider((Provider) loader.loadClass("com.crypto.LeakyProvider").getConstructor().newInstance());

      LeakReport report = LeakDetector.inspect(loader);

      assertThat(report.names(LeakReport.Kind.SECURITY_PROVIDER)).containsExactly("PlinthLeakyProvider");
      assertThat(report.holders()).singleElement()
          .satisfies(h -> assertThat(h.detail()).contains("java.security.Security", "now removed"));
      assertThat(Security.getProvider("PlinthLeakyProvider")).isNull();
      assertThat(Security.getProviders()).hasSize(before);
    }
  }

  @Test
  void pluginClassIn_arrayWithNullsAroundAPluginObject_namesIt() throws Exception {
    Path dir = TestBundles.bundle(root, "memo", "1.0.0", TestBundles.jar("memo.jar")
        .source("com.memo.Memo", "package com.memo; public final class Memo {}"));
    try (PluginClassLoader loader = ClassLoaderFactory.of(SharedPackages.defaults())
        .create(TestBundles.manifest("memo", "1.0.0").build(), dir, List.of())) {
      Object memo = loader.loadClass("com.memo.Memo").getConstructor().newInstance();

      assertThat(LeakDetector.pluginClassIn(loader, new Object[] {null, "host", memo, null}))
          .isEqualTo("com.memo.Memo (inside a [Ljava.lang.Object;)");
      assertThat(LeakDetector.pluginClassIn(loader, new Object[] {null, "host"})).isNull();
      assertThat(LeakDetector.pluginClassIn(loader, memo)).isEqualTo("com.memo.Memo");
    }
  }
}
