package dev.plinth.examples.isolatedlib;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.examples.host.spi.ToolProvider;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.runtime.discovery.Extension;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.junit.PlinthTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedLibPluginTest {
  static final Path CLASSES = Path.of("target/classes");

  static BuiltBundle bundle(Path dir) throws Exception {
    // The commons-lang3 this module compiles against (3.12.0, copied there by the build) goes into lib/.
    Path lang3 = Path.of("target/bundle-lib/commons-lang3-3.12.0.jar");
    return PluginBundle.builder("isolated_lib", "1.0.0")
        .manifestText(Files.readString(CLASSES.resolve("plugin.toml")))
        .classes(CLASSES)
        .library(lang3)
        .writeTarGz(dir);
  }

  @Test
  void install_bundledLibrary_pluginUsesItsOwnCopyThroughItsTool(@TempDir Path temp) throws Exception {
    try (PlinthTestHost host = PlinthTestHost.builder(temp.resolve("host")).host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL).exportPackages("dev.plinth.examples.host.spi")
        .customize(b -> b.extensionInterfaces(ToolProvider.class))
        .build()) {
      assertThat(host.install(bundle(temp))).isInstalled("1.0.0");
      assertThat(host.status("isolated_lib")).isStarted();

      List<Extension<ToolProvider>> providers = host.system().extensions(ToolProvider.class);
      assertThat(providers).singleElement().extracting(Extension::pluginId).isEqualTo("isolated_lib");
      ToolProvider tools = providers.get(0).instance();
      String seen = tools.call(LibraryTools.VERSION_TOOL, Map.of());

      // The test JVM plays the host and runs a newer commons-lang3; the plugin sees only its own 3.12.0.
      assertThat(seen).startsWith("commons-lang3 3.12.0 (loaded by plinth:isolated_lib@1.0.0");
      LibraryVersion hostCopy = LibraryVersion.visibleFrom(IsolatedLibPluginTest.class);
      assertThat(hostCopy.loader()).isEqualTo("app");
      assertThat(hostCopy.version()).isNotEqualTo("3.12.0");
      assertThat(tools.getClass().getClassLoader()).isNotSameAs(StringUtils.class.getClassLoader());
      assertThat(tools.call(LibraryTools.ABBREVIATE_TOOL, Map.of("text", "a rather long sentence", "width", "10")))
          .isEqualTo("a rathe...");
    }
  }

  @Test
  void install_withoutTheHostsExtensionInterface_offersNoTools(@TempDir Path temp) throws Exception {
    try (PlinthTestHost host = PlinthTestHost.builder(temp.resolve("host")).host("plinth-demo-host", "2.4.0")
        .hookPoints(AgentHooks.ALL).exportPackages("dev.plinth.examples.host.spi").build()) {
      // The host does not offer ToolProvider: preflight refuses the declared extension.
      assertThat(host.install(bundle(temp))).isFailedAt(dev.plinth.installer.Phase.PREFLIGHT);
    }
  }
}
