package dev.plinth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.BundleStager;
import dev.plinth.installer.InstallRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyStagerTest {

  @Test
  void resolveVersion_firstUse_buildsThePipelineOnceAndDelegates() {
    AtomicInteger builds = new AtomicInteger();
    LazyStager lazy = new LazyStager(() -> {
      builds.incrementAndGet();
      return new BundleStager() {
        @Override
        public dev.plinth.installer.StagedBundle stage(InstallRequest r, java.nio.file.Path d,
            dev.plinth.manifest.HostProfile h, dev.plinth.installer.ProgressListener p) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> resolveVersion(String pluginId, InstallRequest request) {
          return Optional.of(pluginId + "@2.0.0");
        }
      };
    });
    assertThat(lazy.isBuilt()).isFalse();
    assertThat(builds).hasValue(0);

    assertThat(lazy.resolveVersion("alpha", InstallRequest.of("catalog:alpha"))).contains("alpha@2.0.0");
    assertThat(lazy.resolveVersion("beta", InstallRequest.of("catalog:beta"))).contains("beta@2.0.0");

    assertThat(lazy.isBuilt()).isTrue();
    assertThat(builds).hasValue(1);
  }

  @Test
  void build_systemOnAHome_doesNotBuildThePipelineUntilAnInstall(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    try (PluginSystem system = PluginSystem.builder().home(tmp.resolve("home"))
        .host(HostInfo.of("host", "1.0.0")).build()) {
      system.boot();
      assertThat(system.assembly().stager.isBuilt()).isFalse();
    }
  }
}
