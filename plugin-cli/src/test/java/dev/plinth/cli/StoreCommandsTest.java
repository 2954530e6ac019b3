package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.server.ReleaseAssets;
import dev.plinth.testkit.server.ReleaseServer;
import dev.plinth.testkit.signing.CosignTestKey;
import dev.plinth.testkit.signing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands end to end: signed GitHub releases on a loopback server, a real home. */
class StoreCommandsTest {
  @TempDir Path temp;
  ReleaseServer server;
  CosignTestKey author;
  Path home;
  Path trust;

  @BeforeEach
  void setUp() throws Exception {
    server = ReleaseServer.start();
    author = TestKeys.ecdsaP256();
    home = PreflightAndPackTest.home(temp.resolve("home"));
    author.writePem(temp.resolve("author.pub"));
    trust = temp.resolve("trust.toml");
    Files.writeString(trust, """
        default_mode = "require"
        [[authors]]
        name = "acme"
        plugins = ["acme_*"]
        keys = ["author.pub"]
        """);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  BuiltBundle publish(String id, String version, String hostRange, CosignTestKey key, boolean permissions) {
    var builder = PluginBundle.builder(id, version)
        .engine(hostRange, "^1.0", ">=17")
        .hooks("tool.pre_exec")
        .file("classes/readme.txt", ("v" + version).getBytes(), false)
        .signWith(key);
    if (permissions) {
      builder.permissions(new PluginManifest.Permissions(List.of("api.acme.example"), List.of(), List.of(), List.of(), false, null));
    }
    Path out = temp.resolve("bundles/" + id + "-" + version);
    BuiltBundle bundle = builder.writeTarGz(out);
    server.publishGithubRelease("acme", id, "v" + version, ReleaseAssets.of(bundle));
    return bundle;
  }

  CliRunner cli(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "--home";
    all[1] = home.toString();
    all[2] = "--json";
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRunner.run(all);
  }

  String[] sources(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(more));
    args.addAll(List.of("--github-api", server.apiBaseUrl(), "--allow-http", "--trust", trust.toString()));
    return args.toArray(String[]::new);
  }

  @Test
  void install_signedRelease_underRequire_isVerifiedAndListed() throws Exception {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);

    CliRunner r = cli(sources("install", "github:acme/acme_hello@v1.0.0", "--enable"));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.json().at("/result/outcome").asText()).isEqualTo("installed");
    JsonNode info = cli("info", "acme_hello").json();
    assertThat(info.at("/result/currentVersion").asText()).isEqualTo("1.0.0");
    assertThat(info.at("/result/versions/0/signature/verified").asBoolean()).isTrue();
    assertThat(info.at("/result/versions/0/signature/method").asText()).isEqualTo("cosign-key");
    assertThat(info.at("/result/versions/0/signature/matchedPolicy").asText()).isEqualTo("acme");
    assertThat(info.at("/result/state/enabled").asBoolean()).isTrue();
    JsonNode list = cli("list").json();
    assertThat(list.at("/result/0/id").asText()).isEqualTo("acme_hello");
    assertThat(cli("doctor", "--verify").exitCode()).isZero();
  }

  @Test
  void install_signedByUntrustedKey_underRequire_failsAtVerifyAndInstallsNothing() {
    publish("acme_hello", "1.0.0", ">=1.0.0", TestKeys.ecdsaP256(), false);

    CliRunner r = cli(sources("install", "github:acme/acme_hello@v1.0.0"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/phase").asText()).isEqualTo("verify");
    assertThat(r.json().at("/error/code").asText()).startsWith("SIGNATURE_");
    assertThat(cli("list").json().at("/result")).isEmpty();
  }

  @Test
  void install_incompatibleHost_isRefusedBeforeDownload() {
    publish("acme_future", "1.0.0", ">=9.0.0", author, false);

    CliRunner r = cli(sources("install", "github:acme/acme_future@v1.0.0"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/phase").asText()).isEqualTo("preflight");
    assertThat(server.requestCount(".*\\.tar\\.gz")).isZero();
  }

  @Test
  void upgradeRollbackUninstall_followTheStore() {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);
    assertThat(cli(sources("install", "github:acme/acme_hello@v1.0.0")).exitCode()).isZero();
    publish("acme_hello", "1.1.0", ">=1.0.0", author, false);

    CliRunner up = cli(sources("upgrade", "acme_hello"));
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    assertThat(up.json().at("/result/outcome").asText()).isEqualTo("upgraded");
    assertThat(up.json().at("/result/to").asText()).isEqualTo("1.1.0");

    CliRunner back = cli("rollback", "acme_hello");
    assertThat(back.exitCode()).isZero();
    assertThat(back.json().at("/result/to").asText()).isEqualTo("1.0.0");

    CliRunner gone = cli("uninstall", "acme_hello");
    assertThat(gone.exitCode()).isZero();
    assertThat(gone.json().at("/result/outcome").asText()).isEqualTo("uninstalled");
    assertThat(cli("events", "--plugin", "acme_hello", "--type", "upgraded").json().at("/result")).hasSize(1);
  }

  @Test
  void upgradeTo_andRollbackTo_pickTheNamedVersions() {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);
    assertThat(cli(sources("install", "github:acme/acme_hello@v1.0.0")).exitCode()).isZero();
    publish("acme_hello", "1.1.0", ">=1.0.0", author, false);
    publish("acme_hello", "1.2.0", ">=1.0.0", author, false);

    CliRunner up = cli(sources("upgrade", "acme_hello", "--to", "1.1.0"));

    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    assertThat(up.json().at("/result/outcome").asText()).isEqualTo("upgraded");
    assertThat(up.json().at("/result/to").asText()).isEqualTo("1.1.0");
    assertThat(server.requestCount(".*1\\.2\\.0.*\\.tar\\.gz")).as("1.2.0 is not fetched").isZero();

    CliRunner latest = cli(sources("upgrade", "acme_hello"));
    assertThat(latest.json().at("/result/to").asText()).isEqualTo("1.2.0");

    CliRunner back = cli("rollback", "acme_hello", "--to", "1.0.0");
    assertThat(back.exitCode()).as(back.out() + back.err()).isZero();
    assertThat(back.json().at("/result/to").asText()).isEqualTo("1.0.0");
    assertThat(cli("info", "acme_hello").json().at("/result/currentVersion").asText()).isEqualTo("1.0.0");
  }

  @Test
  void install_withoutTrustOption_usesTheHomesTrustTomlWhenPresent() throws Exception {
    CosignTestKey stranger = TestKeys.ecdsaP256();
    publish("acme_hello", "1.0.0", ">=1.0.0", stranger, false);
    String[] noTrustOption = {"install", "github:acme/acme_hello@v1.0.0", "--github-api", server.apiBaseUrl(), "--allow-http"};
    Files.copy(trust, home.resolve("trust.toml"));
    Files.copy(temp.resolve("author.pub"), home.resolve("author.pub"));

    CliRunner refused = cli(noTrustOption);

    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("SIGNATURE_UNTRUSTED");

    Files.delete(home.resolve("trust.toml"));
    CliRunner warned = cli(noTrustOption);

    assertThat(warned.exitCode()).as(warned.out() + warned.err()).isZero();
    assertThat(warned.json().at("/result/outcome").asText()).isEqualTo("installed");
  }

  @Test
  void outdated_newerRelease_reportedWithoutDownloadingIt() {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);
    assertThat(cli(sources("install", "github:acme/acme_hello@v1.0.0")).exitCode()).isZero();
    publish("acme_hello", "1.1.0", ">=1.0.0", author, false);

    CliRunner r = cli(sources("outdated"));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode check = r.json().at("/result/0");
    assertThat(check.at("/pluginId").asText()).isEqualTo("acme_hello");
    assertThat(check.at("/currentVersion").asText()).isEqualTo("1.0.0");
    assertThat(check.at("/latestVersion").asText()).isEqualTo("1.1.0");
    assertThat(check.at("/updateAvailable").asBoolean()).isTrue();
    assertThat(check.at("/error").isNull()).isTrue();
    assertThat(server.requestCount(".*1\\.1\\.0.*\\.tar\\.gz")).as("the new archive is not downloaded").isZero();
    assertThat(cli("info", "acme_hello").json().at("/result/currentVersion").asText()).isEqualTo("1.0.0");
    CliRunner human = CliRunner.run("--home", home.toString(), "outdated", "--github-api", server.apiBaseUrl(),
        "--allow-http", "--trust", trust.toString());
    assertThat(human.out()).contains("acme_hello").contains("1.1.0").contains("update available");
  }

  @Test
  void enable_withUnacknowledgedPermissions_isRefusedUntilAcknowledged() {
    publish("acme_net", "1.0.0", ">=1.0.0", author, true);
    assertThat(cli(sources("install", "github:acme/acme_net@v1.0.0")).exitCode()).isZero();

    CliRunner refused = cli("enable", "acme_net");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.json().at("/error/code").asText()).isEqualTo("PERMISSIONS_NOT_ACKNOWLEDGED");
    assertThat(refused.json().at("/error/message").asText()).contains("api.acme.example");

    CliRunner enabled = cli("enable", "acme_net", "--ack-permissions");
    assertThat(enabled.exitCode()).isZero();
    assertThat(enabled.json().at("/result/enabled").asBoolean()).isTrue();
    assertThat(enabled.json().at("/result/permissionsAcknowledged").asBoolean()).isTrue();
    assertThat(cli("disable", "acme_net").json().at("/result/enabled").asBoolean()).isFalse();
  }

  @Test
  void doctor_tamperedFile_exitsOneNamingTheProblem() throws Exception {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);
    assertThat(cli(sources("install", "github:acme/acme_hello@v1.0.0")).exitCode()).isZero();
    Files.writeString(home.resolve("plugins/acme_hello/versions/1.0.0/classes/readme.txt"), "tampered");

    CliRunner r = cli("doctor", "--verify");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("DOCTOR_PROBLEMS");
    assertThat(r.json().at("/result/integrity/problems/0/path").asText()).contains("readme.txt");
  }

  @Test
  void installFromLock_reproducesTheSetInAFreshHome() throws Exception {
    publish("acme_hello", "1.0.0", ">=1.0.0", author, false);
    assertThat(cli(sources("install", "github:acme/acme_hello@v1.0.0")).exitCode()).isZero();
    Path lock = home.resolve("plinth.lock");
    home = PreflightAndPackTest.home(temp.resolve("home2"));

    CliRunner r = cli(sources("install", "--from-lock", lock.toString()));

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(cli("info", "acme_hello").json().at("/result/currentVersion").asText()).isEqualTo("1.0.0");
  }
}
