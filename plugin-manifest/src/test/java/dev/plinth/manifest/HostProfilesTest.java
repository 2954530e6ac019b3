package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.api.PlinthApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProfilesTest {
  @TempDir Path temp;

  private static final HostProfile FULL = new HostProfile("Acme \"Host\" \\ 2", "2.3.0-rc.1", "1.0.0", "21.0.2",
      Set.of("tool.pre_exec", "tool.post_exec"), Set.of("com.example.host.spi.ToolProvider"),
      Set.of("node", "integration"), List.of("com.example.host.spi", "com.example.host.model"),
      Map.of("acme_secrets", "1.2.0", "zeta_tools", "0.1.0"));

  @Test
  void writeThenRead_fullProfile_roundTrips() {
    Path file = temp.resolve("home/host.toml");

    HostProfiles.write(FULL, file);

    assertThat(HostProfiles.read(file)).isEqualTo(FULL);
  }

  @Test
  void write_overExistingFile_replacesItAndLeavesNoTemporaries() throws IOException {
    Path file = temp.resolve("host.toml");
    HostProfiles.write(FULL, file);

    HostProfiles.write(FULL.withHostVersion("2.4.0"), file);

    assertThat(HostProfiles.read(file).hostVersion()).isEqualTo("2.4.0");
    try (var files = Files.list(temp)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void toToml_isStableAndSorted() {
    assertThat(HostProfiles.toToml(FULL)).isEqualTo("""
        # Written by Plinth: what this host offers to plugins.
        [host]
        name = "Acme \\"Host\\" \\\\ 2"
        version = "2.3.0-rc.1"
        api_version = "1.0.0"
        java_version = "21.0.2"
        hook_points = ["tool.post_exec", "tool.pre_exec"]
        extension_interfaces = ["com.example.host.spi.ToolProvider"]
        sandbox_profiles = ["integration", "node"]
        exported_packages = ["com.example.host.spi", "com.example.host.model"]
        denied_hosts = ["169.254.169.254", "metadata.google.internal", "metadata.azure.com"]
        unrestricted_network = false

        [installed]
        acme_secrets = "1.2.0"
        zeta_tools = "0.1.0"
        """);
  }

  @Test
  void parse_withoutVersionAndDefaults_keepsNullVersion() {
    HostProfile p = HostProfiles.parse("[host]\nname = \"H\"\n");

    assertThat(p.hostVersion()).isNull();
    assertThat(p.apiVersion()).isEqualTo(PlinthApi.VERSION);
    assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
    assertThat(p.hookPoints()).isEmpty();
    assertThat(p.installedPlugins()).isEmpty();
  }

  @Test
  void parse_wrongTypes_throwsWithEveryProblem() {
    assertThatThrownBy(() -> HostProfiles.parse("[host]\nname = 3\nhook_points = \"a.b\"\n[installed]\nx = 1\n"))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.code()).isEqualTo(ManifestCode.HOST_PROFILE_INVALID);
          assertThat(ManifestCasesTest.pairs(e.issues())).containsExactly(
              "HOST_PROFILE_INVALID host.hook_points", "HOST_PROFILE_INVALID host.name",
              "HOST_PROFILE_INVALID installed.x");
        });
  }

  @Test
  void parse_syntaxErrorOrNoHostTable_throws() {
    assertThatThrownBy(() -> HostProfiles.parse("[host\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("host.toml has a TOML syntax error at line 1");
    assertThatThrownBy(() -> HostProfiles.parse("[hosts]\nname = \"x\"\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessage("host table is required (and 1 more issues)");
  }

  @Test
  void read_missingFile_throwsHostProfileInvalid() {
    Path missing = temp.resolve("none.toml");

    assertThatThrownBy(() -> HostProfiles.read(missing))
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.code()).isEqualTo(ManifestCode.HOST_PROFILE_INVALID);
          assertThat(e.getMessage()).isEqualTo("host.toml cannot be read (NoSuchFileException): " + missing);
        });
  }

  @Test
  void read_networkLines_roundTripAndDefaultToTheMetadataEndpoints() throws Exception {
    Path file = temp.resolve("host.toml");
    HostProfile open = FULL.withDeniedHosts(List.of("*.corp.internal")).withUnrestrictedNetwork(true);
    HostProfiles.write(open, file);

    HostProfile back = HostProfiles.read(file);
    HostProfile plain = HostProfiles.parse("[host]\nname = \"h\"\nversion = \"1.0.0\"\n");

    assertThat(back).isEqualTo(open);
    assertThat(plain.deniedHosts()).isEqualTo(HostProfile.DEFAULT_DENIED_HOSTS);
    assertThat(plain.unrestrictedNetwork()).isFalse();
  }
}
