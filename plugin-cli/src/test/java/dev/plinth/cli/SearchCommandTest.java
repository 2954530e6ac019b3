package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.server.ReleaseServer;
import dev.plinth.testkit.signing.CosignTestKey;
import dev.plinth.testkit.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search} and {@code outdated --catalogs} against a loopback catalog and a real home. */
class SearchCommandTest {
  @TempDir Path temp;
  ReleaseServer server;
  Path home;
  Path trust;
  String index;
  String broken;

  @BeforeEach
  void setUp() throws Exception {
    server = ReleaseServer.start();
    CosignTestKey author = TestKeys.ecdsaP256();
    home = PreflightAndPackTest.home(temp.resolve("home"));
    author.writePem(temp.resolve("author.pub"));
    trust = temp.resolve("trust.toml");
    Files.writeString(trust, """
        default_mode = "warn"
        [[authors]]
        plugins = ["acme_*"]
        keys = ["author.pub"]
        """);
    BuiltBundle signed = bundle("acme_redactor", "1.1.0", ">=1.0.0", author);
    BuiltBundle incompatible = bundle("acme_future", "3.0.0", ">=9.0.0", null);
    index = server.publishCatalog("/index.json", List.of(
        server.catalogEntry(signed, "Redacts secrets"), server.catalogEntry(incompatible, "Needs a newer host")));
    broken = server.publishFile("/broken.json", "<html>down for maintenance</html>".getBytes(StandardCharsets.UTF_8), "text/html");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private BuiltBundle bundle(String id, String version, String hostRange, CosignTestKey key) {
    var b = PluginBundle.builder(id, version).engine(hostRange, "^1.0", ">=17")
        .file("classes/readme.txt", "x".getBytes(StandardCharsets.UTF_8), false);
    if (key != null) {
      b.signWith(key);
    }
    return b.writeTarGz(temp.resolve("bundles/" + id));
  }

  private CliRunner cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--home", home.toString()));
    all.addAll(List.of(args));
    all.addAll(List.of("--catalog", index, "--source", "index:" + broken, "--allow-http", "--trust", trust.toString()));
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void search_oneBrokenSource_listsTheOtherWithVerdictTrustAndTheFailure() {
    CliRunner r = cli("--json", "search");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode doc = r.json().path("result");
    assertThat(doc.path("partial").asBoolean()).isTrue();
    assertThat(doc.path("plugins")).hasSize(2);
    JsonNode future = doc.path("plugins").get(0);
    assertThat(future.path("id").asText()).isEqualTo("acme_future");
    assertThat(future.path("compatibility").path("status").asText()).isEqualTo("INCOMPATIBLE");
    assertThat(future.path("trust").asText()).isEqualTo("UNSIGNED");
    JsonNode redactor = doc.path("plugins").get(1);
    assertThat(redactor.path("compatibility").path("status").asText()).isEqualTo("COMPATIBLE");
    assertThat(redactor.path("trust").asText()).isEqualTo("KNOWN_KEY");
    assertThat(redactor.path("installSource").asText()).isEqualTo("catalog:acme_redactor@=1.1.0");
    assertThat(doc.path("failedSources").get(0).path("error").path("code").asText()).isEqualTo("CATALOG_SOURCE_INVALID");
  }

  @Test
  void search_queryHumanOutput_tableRowAndFailedSourceBanner() {
    CliRunner r = cli("search", "redact");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("acme_redactor").contains("compatible").contains("known_key")
        .doesNotContain("acme_future")
        .contains("source failed: " + broken + ": CATALOG_SOURCE_INVALID");
  }

  @Test
  void search_unknownSourceForm_usageErrorNamingIt() {
    CliRunner r = CliRunner.run("--home", home.toString(), "--json", "search", "--source", "ftp://nope");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.json().path("error").path("code").asText()).isEqualTo("USAGE_INVALID");
    assertThat(r.json().path("error").path("message").asText()).contains("ftp://nope");
  }

  @Test
  void outdatedCatalogs_installedOlderVersion_listsTheUpdate() throws Exception {
    BuiltBundle old = bundle("acme_redactor", "1.0.0", ">=1.0.0", TestKeys.ecdsaP256());
    CliRunner install = CliRunner.run("--home", home.toString(), "--json", "install", old.path().toString(), "--allow-http");
    assertThat(install.exitCode()).as(install.out() + install.err()).isZero();

    CliRunner r = cli("--json", "outdated", "--catalogs");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode plugins = r.json().path("result").path("plugins");
    assertThat(plugins).hasSize(1);
    assertThat(plugins.get(0).path("id").asText()).isEqualTo("acme_redactor");
    assertThat(plugins.get(0).path("installedVersion").asText()).isEqualTo("1.0.0");
    assertThat(plugins.get(0).path("latestVersion").asText()).isEqualTo("1.1.0");
  }
}
