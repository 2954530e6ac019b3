package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependenciesTest {
  @TempDir Path tmp;
  StoreFixture fx;

  @BeforeEach
  void setUp() {
    fx = new StoreFixture(tmp);
  }

  private String withDeps(String id, String version, Map<String, String> deps) {
    return Bundles.write(fx.bundles, id, version, deps, id + version).toString();
  }

  @Test
  void install_dependencyMissingOrOutOfRange_failsListingEach() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("beta", "2.1.0")));

    InstallOutcome o = store.install(FolderStagerRequests.of(withDeps("alpha", "1.0.0",
        Map.of("beta", ">=1.0.0 <2.0.0", "gamma", "^1.0.0"))));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.phase()).isEqualTo(Phase.PREPARE);
      assertThat(f.cause().code()).isEqualTo("DEPENDENCY_MISSING");
      assertThat(f.cause().details().get("missing")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
          .containsExactlyInAnyOrder("beta >=1.0.0 <2.0.0 (installed 2.1.0)", "gamma ^1.0.0 (not installed)");
    });
    assertThat(store.info("alpha")).isEmpty();
  }

  @Test
  void install_dependencySatisfied_installs() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("beta", "1.5.0")));
    assertThat(store.install(FolderStagerRequests.of(withDeps("alpha", "1.0.0", Map.of("beta", ">=1.0.0 <2.0.0")))))
        .isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
  }

  @Test
  void install_upgradeClosingACycle_failsWithDependencyCycle() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "1.0.0")));
    store.install(FolderStagerRequests.of(withDeps("beta", "1.0.0", Map.of("alpha", "^1.0.0"))));

    InstallOutcome o = store.install(FolderStagerRequests.of(withDeps("alpha", "1.1.0", Map.of("beta", "^1.0.0"))));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class, f -> {
      assertThat(f.cause().code()).isEqualTo("DEPENDENCY_CYCLE");
      assertThat(f.cause().message()).isEqualTo("plugin.dependencies form a cycle: alpha -> beta -> alpha");
    });
    assertThat(store.info("alpha").orElseThrow().currentVersion()).isEqualTo("1.0.0");
  }

  @Test
  void install_selfDependency_failsWithDependencyCycle() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    InstallOutcome o = store.install(FolderStagerRequests.of(withDeps("alpha", "1.0.0", Map.of("alpha", "*"))));
    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().message()).isEqualTo("plugin.dependencies form a cycle: alpha -> alpha"));
  }

  @Test
  void install_withInstallDependencies_installsMissingOnesFirstFromResolver() {
    String gamma = fx.bundle("gamma", "1.2.0");
    String beta = withDeps("beta", "1.0.0", Map.of("gamma", "^1.0.0"));
    DependencyResolver resolver = (id, range) -> Optional.ofNullable(Map.of("beta", beta, "gamma", gamma).get(id));
    PluginStore store = fx.builder(PointerStyle.SYMLINK).dependencyResolver(resolver).build();

    InstallOutcome o = store.install(InstallRequest.of(withDeps("alpha", "1.0.0", Map.of("beta", "^1.0.0")))
        .withInstallDependencies(true).withEnable(true));

    assertThat(o).isEqualTo(new InstallOutcome.Installed("alpha", "1.0.0"));
    assertThat(store.list()).extracting(PluginInfo::id).containsExactly("alpha", "beta", "gamma");
    assertThat(store.state().get("gamma").enabled()).isTrue();
    assertThat(fx.events("installed")).extracting(e -> e.pluginId()).containsExactly("gamma", "beta", "alpha");
  }

  @Test
  void install_withInstallDependenciesButCyclicSources_failsWithoutInstallingAny() {
    String[] sources = new String[2];
    sources[0] = withDeps("alpha", "1.0.0", Map.of("beta", "^1.0.0"));
    sources[1] = withDeps("beta", "1.0.0", Map.of("alpha", "^1.0.0"));
    DependencyResolver resolver = (id, range) -> Optional.of(id.equals("alpha") ? sources[0] : sources[1]);
    PluginStore store = fx.builder(PointerStyle.SYMLINK).dependencyResolver(resolver).build();

    InstallOutcome o = store.install(InstallRequest.of(sources[0]).withInstallDependencies(true));

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().code()).isEqualTo("DEPENDENCY_MISSING"));
    assertThat(fx.events("rolled_back")).extracting(e -> e.detail().get("code"))
        .containsExactly("DEPENDENCY_CYCLE", "DEPENDENCY_MISSING");
    assertThat(store.list()).isEmpty();
    assertThat(StoreIntegrity.check(fx.home).problems()).isEmpty();
  }

  @Test
  void rollback_toVersionWhoseDependencyIsGone_isRefused() {
    PluginStore store = fx.open(PointerStyle.SYMLINK);
    store.install(FolderStagerRequests.of(fx.bundle("beta", "1.0.0")));
    store.install(FolderStagerRequests.of(withDeps("alpha", "1.0.0", Map.of("beta", "^1.0.0"))));
    store.install(FolderStagerRequests.of(fx.bundle("alpha", "2.0.0")));
    store.uninstall("beta", false, false);

    InstallOutcome o = store.rollback("alpha", "1.0.0");

    assertThat(o).isInstanceOfSatisfying(InstallOutcome.Failed.class,
        f -> assertThat(f.cause().details().get("missing")).isEqualTo(List.of("beta ^1.0.0 (not installed)")));
  }
}
