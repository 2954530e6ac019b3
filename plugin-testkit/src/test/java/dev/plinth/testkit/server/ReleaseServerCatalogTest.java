package dev.plinth.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.signing.TestKeys;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseServerCatalogTest {
  private static ReleaseServer server;
  @TempDir Path temp;

  @BeforeAll
  static void start() {
    server = ReleaseServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void publishCatalog_entriesFromBundles_schemaAndWorkingUrls() throws Exception {
    BuiltBundle signed = PluginBundle.builder("acme_one", "1.2.0").signWith(TestKeys.ed25519())
        .writeTarGz(temp);
    BuiltBundle plain = PluginBundle.builder("acme_two", "0.3.0").writeZip(temp);
    CatalogEntry one = server.catalogEntry(signed, "First plugin");
    CatalogEntry two = server.catalogEntry(plain, "Second plugin");

    String url = server.publishCatalog("/catalog/index.json", List.of(one, two));

    assertThat(url).isEqualTo(server.baseUrl() + "/catalog/index.json");
    JsonNode root = Http.json(url);
    assertThat(root.get("schema_version").asInt()).isEqualTo(1);
    JsonNode first = root.get("plugins").get(0);
    assertThat(first.get("id").asText()).isEqualTo("acme_one");
    assertThat(first.get("version").asText()).isEqualTo("1.2.0");
    assertThat(first.get("description").asText()).isEqualTo("First plugin");
    assertThat(first.get("sha256").asText()).isEqualTo(signed.sha256());
    assertThat(Http.sha256(Http.get(first.get("archive_url").asText()).body())).isEqualTo(signed.sha256());
    assertThat(Http.text(first.get("manifest_url").asText())).isEqualTo(signed.manifest());
    assertThat(Http.text(first.get("public_key_url").asText())).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(first.get("signature_url").asText()).endsWith("/files/acme_one/1.2.0/acme_one-1.2.0-noarch.tar.gz.sig");
    JsonNode second = root.get("plugins").get(1);
    assertThat(second.has("signature_url")).isFalse();
    assertThat(second.has("public_key_url")).isFalse();
    assertThat(second.get("archive_url").asText()).endsWith("acme_two-0.3.0-noarch.zip");
  }

  @Test
  void publishCatalog_handMadeEntryWithWrongDigest_servedAsGiven() throws Exception {
    CatalogEntry entry = CatalogEntry.of("acme_x", "1.0.0", "x", "http://127.0.0.1:1/x.tar.gz",
        "0".repeat(64)).withSha256("f".repeat(64));

    JsonNode root = Http.json(server.publishCatalog("/lying.json", List.of(entry)));

    assertThat(root.get("plugins").get(0).get("sha256").asText()).isEqualTo("f".repeat(64));
    assertThat(root.get("plugins").get(0).has("manifest_url")).isFalse();
  }

  @Test
  void publishFile_pathWithoutSlash_rejected() {
    assertThatThrownBy(() -> server.publishFile("index.json", new byte[0], "application/json"))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.PUBLISH_INVALID);
          assertThat(e.getMessage())
              .isEqualTo("path must start with '/' and hold no '..' or '?': index.json");
        });
  }

  @Test
  void unpublish_servedFile_404Afterwards() throws Exception {
    String url = server.publishFile("/gone.txt", new byte[] {1}, "text/plain");
    assertThat(Http.get(url).statusCode()).isEqualTo(200);

    server.unpublish("/gone.txt");

    assertThat(Http.get(url).statusCode()).isEqualTo(404);
  }
}
