package dev.plinth.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.testkit.TestkitErrorCode;
import dev.plinth.testkit.TestkitException;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.signing.TestKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseServerGithubTest {
  private static ReleaseServer server;
  private static int repoCounter;
  @TempDir Path temp;
  private String repo;

  @BeforeAll
  static void start() {
    server = ReleaseServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void freshRepo() {
    repo = "redactor" + (++repoCounter);
  }

  private BuiltBundle bundle(String version, String target) {
    return PluginBundle.builder("acme_redactor", version).target(target).file("README.md", "r")
        .writeTarGz(temp);
  }

  @Test
  void publishGithubRelease_tagEndpoint_standardReleaseJson() throws Exception {
    BuiltBundle linux = bundle("1.2.0", "linux-x86_64");
    BuiltBundle noarch = bundle("1.2.0", "noarch");

    server.publishGithubRelease("acme", repo, "v1.2.0", ReleaseAssets.of(linux, noarch));

    JsonNode release = Http.json(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/tags/v1.2.0");
    assertThat(release.get("tag_name").asText()).isEqualTo("v1.2.0");
    assertThat(release.get("name").asText()).isEqualTo("v1.2.0");
    assertThat(release.get("prerelease").asBoolean()).isFalse();
    List<String> names = new ArrayList<>();
    release.get("assets").forEach(a -> names.add(a.get("name").asText()));
    assertThat(names).containsExactly("plugin.toml", "acme_redactor-1.2.0-linux-x86_64.tar.gz",
        "acme_redactor-1.2.0-linux-x86_64.tar.gz.sha256", "acme_redactor-1.2.0-noarch.tar.gz",
        "acme_redactor-1.2.0-noarch.tar.gz.sha256");
    JsonNode tarball = release.get("assets").get(1);
    assertThat(tarball.get("browser_download_url").asText()).isEqualTo(server.baseUrl()
        + "/dl/acme/" + repo + "/v1.2.0/acme_redactor-1.2.0-linux-x86_64.tar.gz");
    assertThat(tarball.get("size").asLong()).isEqualTo(linux.size());
    assertThat(tarball.get("content_type").asText()).isEqualTo("application/gzip");
  }

  @Test
  void assetDownloads_bytesMatchBundleAndSidecar() throws Exception {
    BuiltBundle b = bundle("1.0.0", "noarch");
    PublishedRelease r = server.publishGithubRelease("acme", repo, "v1.0.0", ReleaseAssets.of(b));

    HttpResponse<byte[]> archive = Http.get(r.downloadUrl(b.fileName()));
    assertThat(archive.statusCode()).isEqualTo(200);
    assertThat(archive.headers().firstValueAsLong("Content-Length")).hasValue(b.size());
    assertThat(Http.sha256(archive.body())).isEqualTo(b.sha256());
    assertThat(Http.text(r.downloadUrl(b.fileName() + ".sha256")))
        .isEqualTo(b.sha256() + "  " + b.fileName() + "\n");
    assertThat(Http.text(r.downloadUrl("plugin.toml"))).isEqualTo(b.manifest());
    assertThat(r.source()).isEqualTo("github:acme/" + repo + "@v1.0.0");
  }

  @Test
  void apiAssetUrl_servesSameBytes() throws Exception {
    BuiltBundle b = bundle("1.0.0", "noarch");
    server.publishGithubRelease("acme", repo, "v1.0.0", ReleaseAssets.of(b));

    JsonNode release = Http.json(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/tags/v1.0.0");
    String apiUrl = release.get("assets").get(1).get("url").asText();

    assertThat(apiUrl).startsWith(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/assets/");
    assertThat(Http.get(apiUrl).body()).isEqualTo(b.bytes());
  }

  @Test
  void latest_highestStableSemverTag_notLastPublished() throws Exception {
    server.publishGithubRelease("acme", repo, "v1.10.0", ReleaseAssets.of(bundle("1.10.0", "noarch")));
    server.publishGithubRelease("acme", repo, "v2.0.0-rc.1", ReleaseAssets.of(bundle("2.0.0-rc.1", "noarch")));
    server.publishGithubRelease("acme", repo, "v1.9.3", ReleaseAssets.of(bundle("1.9.3", "noarch")));

    JsonNode latest = Http.json(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/latest");

    assertThat(latest.get("tag_name").asText()).isEqualTo("v1.10.0");
    JsonNode rc = Http.json(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/tags/v2.0.0-rc.1");
    assertThat(rc.get("prerelease").asBoolean()).isTrue();
  }

  @Test
  void unknownRelease_404WithGithubMessage() throws Exception {
    HttpResponse<byte[]> r = Http.get(server.apiBaseUrl() + "/repos/acme/nothing/releases/tags/v9.9.9");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
    assertThat(Http.get(server.apiBaseUrl() + "/repos/acme/nothing/releases/latest").statusCode())
        .isEqualTo(404);
  }

  @Test
  void without_assetLeftOutOfJsonAndDownload404() throws Exception {
    BuiltBundle b = bundle("1.0.0", "noarch");
    ReleaseAssets assets = ReleaseAssets.of(b).without("plugin.toml");
    server.publishGithubRelease("acme", repo, "v1.0.0", assets);

    JsonNode release = Http.json(server.apiBaseUrl() + "/repos/acme/" + repo + "/releases/tags/v1.0.0");
    List<String> names = new ArrayList<>();
    release.get("assets").forEach(a -> names.add(a.get("name").asText()));

    assertThat(names).containsExactly(b.fileName(), b.fileName() + ".sha256");
    assertThat(Http.get(server.baseUrl() + "/dl/acme/" + repo + "/v1.0.0/plugin.toml").statusCode())
        .isEqualTo(404);
  }

  @Test
  void withWrongDigest_sidecarDoesNotMatchArchive() throws Exception {
    BuiltBundle b = bundle("1.0.0", "noarch");
    PublishedRelease r = server.publishGithubRelease("acme", repo, "v1.0.0",
        ReleaseAssets.of(b).withWrongDigest(b));

    String served = Http.text(r.downloadUrl(b.fileName() + ".sha256"));
    String hex = served.split("\\s+")[0];

    assertThat(hex).matches("[0-9a-f]{64}").isNotEqualTo(b.sha256());
    assertThat(served).endsWith("  " + b.fileName() + "\n");
  }

  @Test
  void signedBundle_sigAndPubAssetsAndSigstoreBundle() throws Exception {
    BuiltBundle b = PluginBundle.builder("acme_signed", "1.0.0").signWith(TestKeys.ecdsaP256())
        .writeTarGz(temp);
    ReleaseAssets assets = ReleaseAssets.of(b)
        .withSigstoreBundle(b, "{\"mediaType\":\"x\"}".getBytes(StandardCharsets.UTF_8));

    PublishedRelease r = server.publishGithubRelease("acme", repo, "v1.0.0", assets);

    assertThat(r.downloadPaths()).containsKeys(b.fileName() + ".sig", b.fileName() + ".pub",
        b.fileName() + ".sigstore.json");
    assertThat(Http.text(r.downloadUrl(b.fileName() + ".sig")))
        .isEqualTo(Files.readString(b.signature()));
    assertThat(Http.text(r.downloadUrl(b.fileName() + ".pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void publishGithubRelease_ownerWithSlash_rejected() {
    assertThatThrownBy(() -> server.publishGithubRelease("a/b", "r", "v1", ReleaseAssets.empty()))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.code()).isEqualTo(TestkitErrorCode.PUBLISH_INVALID);
          assertThat(e.getMessage()).isEqualTo("owner must be one URL path segment of [A-Za-z0-9_.+-]: a/b");
        });
  }

  @Test
  void without_unknownAsset_rejectedListingKnownOnes() {
    assertThatThrownBy(() -> ReleaseAssets.empty().with("a.txt", new byte[0], "text/plain").without("b.txt"))
        .isInstanceOfSatisfying(TestkitException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("asset unknown: b.txt");
          assertThat(e.nextStep()).isEqualTo("Name one of: [a.txt]");
        });
  }
}
