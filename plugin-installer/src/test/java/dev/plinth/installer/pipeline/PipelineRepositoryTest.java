package dev.plinth.installer.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.StagedBundle;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.trust.TestKeys;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Maven repository, catalog and plain URL sources over real loopback HTTP. */
class PipelineRepositoryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final HostProfile HOST = PipelineGitHubTest.HOST;
  static final String DIR = "/maven/com/acme/tool/1.4.0/";

  @TempDir Path temp;

  private Pipeline pipeline(TrustPolicy policy) {
    return Pipeline.builder().mavenRepository(wm.baseUrl() + "/maven/").trustPolicy(policy)
        .catalogIndexes(List.of(wm.baseUrl() + "/missing-index.json", wm.baseUrl() + "/index.json"))
        .httpSettings(PipelineTesting.fastHttp()).build();
  }

  private void serve(String path, byte[] body) {
    wm.stubFor(get(path).willReturn(aResponse().withBody(body)));
  }

  @Test
  void stage_mavenWithSha512PgpAndManifest_prefersSha512AndVerifiesPgp() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz("acme_tool", "1.4.0");
    TestKeys.Pgp pgp = TestKeys.pgp("Acme <oss@acme.example>");
    serve(DIR + "tool-1.4.0.tar.gz", tarball);
    serve(DIR + "tool-1.4.0.tar.gz.sha512", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tarball)).getBytes());
    serve(DIR + "tool-1.4.0.tar.gz.sha256", PipelineTesting.sha256(tarball).getBytes());
    serve(DIR + "tool-1.4.0.tar.gz.asc", pgp.sign(tarball));
    serve(DIR + "tool-1.4.0-plugin.toml", TestArchives.manifest("acme_tool", "1.4.0").getBytes());
    TestKeys.writeString(temp.resolve("acme.asc"), pgp.armoredPublic());
    TrustPolicy policy = TrustPolicy.parse("[[authors]]\nplugins = [\"acme_*\"]\nmode = \"require\"\nkeys = [\"acme.asc\"]\n", temp, "t");

    StagedBundle b = pipeline(policy).stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(b.id()).isEqualTo("acme_tool");
    assertThat(b.signature().verified()).isTrue();
    assertThat(b.signature().method()).isEqualTo("pgp");
    wm.verify(0, getRequestedFor(urlEqualTo(DIR + "tool-1.4.0.tar.gz.sha256")));
  }

  @Test
  void stage_mavenWithOnlySha1_digestMissingNamingWeakDigest() {
    serve(DIR + "tool-1.4.0.tar.gz", new byte[10]);
    serve(DIR + "tool-1.4.0.tar.gz.sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709".getBytes());
    wm.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/maven/.*")).atPriority(10)
        .willReturn(aResponse().withStatus(404)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_MISSING);
    assertThat(e.details()).containsEntry("weakDigests", List.of("sha1"));
    wm.verify(0, getRequestedFor(urlEqualTo(DIR + "tool-1.4.0.tar.gz")));
  }

  @Test
  void stage_mavenManifestFailsPreflight_noArchiveRequested() throws Exception {
    serve(DIR + "tool-1.4.0.tar.gz.sha256", "0".repeat(64).getBytes());
    serve(DIR + "tool-1.4.0-plugin.toml", TestArchives.manifest("acme_tool", "1.4.0").getBytes());
    wm.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/maven/.*")).atPriority(10)
        .willReturn(aResponse().withStatus(404)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HostProfile.of("h", null), PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.PREFLIGHT_FAILED);
    wm.verify(0, getRequestedFor(urlEqualTo(DIR + "tool-1.4.0.tar.gz")));
  }

  @Test
  void stage_mavenManifestOfAnotherVersion_manifestMismatchBeforeDownload() {
    serve(DIR + "tool-1.4.0.tar.gz.sha256", "0".repeat(64).getBytes());
    serve(DIR + "tool-1.4.0-plugin.toml", TestArchives.manifest("acme_tool", "1.5.0").getBytes());
    wm.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/maven/.*")).atPriority(10)
        .willReturn(aResponse().withStatus(404)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.MANIFEST_MISMATCH);
    assertThat(e.getMessage()).isEqualTo("plugin.toml version must equal the maven version: 1.5.0 (maven 1.4.0)");
    wm.verify(0, getRequestedFor(urlEqualTo(DIR + "tool-1.4.0.tar.gz")));
  }

  @Test
  void stage_mavenRepositoryAnswers500_httpErrorNamingUrl() {
    wm.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/maven/.*"))
        .willReturn(aResponse().withStatus(500)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.HTTP_ERROR);
    assertThat(e.getMessage()).contains("maven repository must answer 2xx or 404");
    assertThat(e.details()).containsEntry("status", 500);
  }

  @Test
  void stage_mavenWithoutRepository_sourceUnsupported() {
    Pipeline none = Pipeline.builder().httpSettings(PipelineTesting.fastHttp()).build();

    InstallException e = PipelineTesting.fail(() -> none
        .stage(InstallRequest.of("maven:com.acme:tool:1.4.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(e.getMessage()).isEqualTo("maven repository must be configured: maven:com.acme:tool:1.4.0");
  }

  private void catalog(String entries) {
    wm.stubFor(get("/missing-index.json").willReturn(aResponse().withStatus(503)));
    wm.stubFor(get("/index.json").willReturn(okJson("{\"schema_version\":1,\"plugins\":[" + entries + "]}")));
  }

  private static String entry(String version, byte[] archive, String extra) throws Exception {
    return "{\"id\":\"acme_tool\",\"version\":\"" + version + "\",\"description\":\"d\",\"archive_url\":\"/a/acme_tool-"
        + version + ".tar.gz\",\"sha256\":\"" + PipelineTesting.sha256(archive) + "\"" + extra + "}";
  }

  @Test
  void resolveVersion_catalogAndUrl_versionWithoutArchiveDownload() throws Exception {
    catalog(String.join(",", entry("1.2.0", new byte[1], ""), entry("1.5.0", new byte[2], "")));
    Pipeline p = pipeline(TrustPolicy.defaults());

    assertThat(p.resolveVersion("acme_tool", InstallRequest.of("catalog:acme_tool"))).contains("1.5.0");
    assertThat(p.resolveVersion("acme_tool", InstallRequest.of("catalog:acme_tool@^1.2"))).contains("1.5.0");
    assertThat(p.resolveVersion("other_tool", InstallRequest.of("catalog:acme_tool"))).isEmpty();
    assertThat(p.resolveVersion("acme_tool", InstallRequest.of(wm.baseUrl() + "/a/acme_tool-1.5.0.tar.gz"))).isEmpty();
    wm.verify(0, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlMatching("/a/.*")));
  }

  @Test
  void stage_catalogRange_highestMatchingWithManifestAndCosignSignature() throws Exception {
    byte[] v15 = TestArchives.bundleTarGz("acme_tool", "1.5.0");
    KeyPair key = TestKeys.ec("secp384r1");
    serve("/a/acme_tool-1.5.0.tar.gz", v15);
    serve("/a/acme_tool-1.5.0.tar.gz.sig", TestKeys.cosignSign(key, v15));
    serve("/a/plugin-1.5.0.toml", TestArchives.manifest("acme_tool", "1.5.0").getBytes());
    catalog(String.join(",", entry("1.2.0", new byte[1], ""),
        entry("1.5.0", v15, ",\"manifest_url\":\"/a/plugin-1.5.0.toml\",\"signature_url\":\"/a/acme_tool-1.5.0.tar.gz.sig\""),
        entry("2.0.0", new byte[2], "")));
    TestKeys.writeString(temp.resolve("k.pub"), TestKeys.pem(key));
    TrustPolicy policy = TrustPolicy.parse("default_mode = \"require\"\n[[authors]]\nplugins = [\"acme_tool\"]\nkeys = [\"k.pub\"]\n", temp, "t");

    StagedBundle b = pipeline(policy).stage(InstallRequest.of("catalog:acme_tool@^1.0.0"), temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(b.version()).isEqualTo("1.5.0");
    assertThat(b.signature().method()).isEqualTo("cosign-key");
    wm.verify(0, getRequestedFor(urlEqualTo("/a/acme_tool-2.0.0.tar.gz")));
  }

  @Test
  void stage_catalogNoVersionInRange_sourceNotFoundListingVersions() throws Exception {
    catalog(entry("1.2.0", new byte[1], "") + "," + entry("2.0.0", new byte[1], ""));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("catalog:acme_tool@>=3.0.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_NOT_FOUND);
    assertThat(e.details()).containsEntry("available", List.of("1.2.0", "2.0.0"));
  }

  @Test
  void stage_catalogManifestFailsPreflight_noArchiveRequested() throws Exception {
    serve("/a/plugin.toml", TestArchives.manifest("acme_tool", "1.2.0").getBytes());
    catalog(entry("1.2.0", new byte[1], ",\"manifest_url\":\"/a/plugin.toml\""));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("catalog:acme_tool"), temp.resolve("s"), HostProfile.of("h", null), PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.PREFLIGHT_FAILED);
    assertThat(e.phase()).isEqualTo(Phase.PREFLIGHT);
    wm.verify(0, getRequestedFor(urlEqualTo("/a/acme_tool-1.2.0.tar.gz")));
  }

  private InstallException catalogFailure(String source) {
    return PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of(source), temp.resolve("s"), HOST, PipelineTesting.NONE));
  }

  @Test
  void stage_catalogWithoutIndexes_sourceUnsupported() {
    Pipeline noCatalogs = Pipeline.builder().httpSettings(PipelineTesting.fastHttp()).build();

    InstallException e = PipelineTesting.fail(() -> noCatalogs
        .stage(InstallRequest.of("catalog:acme_tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(e.getMessage()).isEqualTo("catalog indexes must be configured: catalog:acme_tool");
    assertThat(e.nextStep()).contains("catalogIndexes");
  }

  @Test
  void stage_catalogIndexesAllUnusable_httpErrorListingEachReason() {
    wm.stubFor(get("/missing-index.json").willReturn(aResponse().withBody("<html>not json")));
    wm.stubFor(get("/index.json").willReturn(okJson("{\"schema_version\":2,\"plugins\":[]}")));

    InstallException e = catalogFailure("catalog:acme_tool");

    assertThat(e.code()).isEqualTo(InstallErrorCode.HTTP_ERROR);
    assertThat(e.details()).containsEntry("failures", List.of(
        wm.baseUrl() + "/missing-index.json (not JSON)", wm.baseUrl() + "/index.json (schema_version must be 1)"));
  }

  @Test
  void stage_catalogEntryWithInvalidVersion_skippedForTheValidOnes() throws Exception {
    catalog("{\"id\":\"acme_tool\",\"version\":\"latest\",\"archive_url\":\"/a/x.tar.gz\",\"sha256\":\"00\"},"
        + entry("1.2.0", new byte[1], ""));

    assertThat(pipeline(TrustPolicy.defaults()).resolveVersion("acme_tool", InstallRequest.of("catalog:acme_tool")))
        .contains("1.2.0");
  }

  @Test
  void stage_catalogEntryWithoutSha256_digestMissingBeforeDownload() {
    catalog("{\"id\":\"acme_tool\",\"version\":\"1.2.0\",\"archive_url\":\"/a/acme_tool-1.2.0.tar.gz\"}");

    InstallException e = catalogFailure("catalog:acme_tool");

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_MISSING);
    assertThat(e.getMessage()).isEqualTo("catalog entry must carry sha256: acme_tool@1.2.0");
    assertThat(e.details()).containsEntry("index", wm.baseUrl() + "/index.json");
    wm.verify(0, getRequestedFor(urlEqualTo("/a/acme_tool-1.2.0.tar.gz")));
  }

  @Test
  void stage_catalogArchiveUrlNotAnArchiveOrNotHttp_refused() {
    catalog("{\"id\":\"acme_tool\",\"version\":\"1.2.0\",\"archive_url\":\"/a/acme_tool.exe\",\"sha256\":\"00\"}");
    InstallException format = catalogFailure("catalog:acme_tool");
    catalog("{\"id\":\"acme_tool\",\"version\":\"1.2.0\",\"archive_url\":\"file:///etc/passwd.tar.gz\",\"sha256\":\"00\"}");
    InstallException scheme = catalogFailure("catalog:acme_tool");

    assertThat(format.code()).isEqualTo(InstallErrorCode.SOURCE_UNSUPPORTED);
    assertThat(format.details()).containsEntry("url", wm.baseUrl() + "/a/acme_tool.exe");
    assertThat(scheme.code()).isEqualTo(InstallErrorCode.SOURCE_INVALID);
    assertThat(scheme.getMessage()).contains("catalog.archive_url").contains("file:///etc/passwd.tar.gz");
  }

  @Test
  void stage_urlWithPinnedDigest_stagedOrMismatch() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz("acme_tool", "2.0.0");
    serve("/u/acme_tool-2.0.0.tgz", tarball);
    String url = wm.baseUrl() + "/u/acme_tool-2.0.0.tgz";

    StagedBundle ok = pipeline(TrustPolicy.defaults()).stage(InstallRequest.of(url + "#sha256=" + PipelineTesting.sha256(tarball)),
        temp.resolve("s1"), HOST, PipelineTesting.NONE);
    InstallException bad = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of(url + "#sha256=" + "1".repeat(64)), temp.resolve("s2"), HOST, PipelineTesting.NONE));

    assertThat(ok.id()).isEqualTo("acme_tool");
    assertThat(ok.sourceSpec()).endsWith("#sha256=" + PipelineTesting.sha256(tarball));
    assertThat(bad.code()).isEqualTo(InstallErrorCode.DIGEST_MISMATCH);
    PipelineTesting.assertEmpty(temp.resolve("s2"));
  }

  @Test
  void stage_urlWithQueryParameters_requestsThemAndNamesArchiveFromPath() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz("acme_tool", "2.1.0");
    wm.stubFor(get(urlEqualTo("/u/acme_tool-2.1.0.tgz?X-Expires=300&X-Signature=abc"))
        .willReturn(aResponse().withBody(tarball)));
    String url = wm.baseUrl() + "/u/acme_tool-2.1.0.tgz?X-Expires=300&X-Signature=abc";

    StagedBundle ok = pipeline(TrustPolicy.defaults()).stage(InstallRequest.of(url + "#sha256=" + PipelineTesting.sha256(tarball)),
        temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(ok.id()).isEqualTo("acme_tool");
    assertThat(ok.archiveSha256()).isEqualTo(PipelineTesting.sha256(tarball));
    wm.verify(1, getRequestedFor(urlEqualTo("/u/acme_tool-2.1.0.tgz?X-Expires=300&X-Signature=abc")));
  }

  @Test
  void stage_bareUrlUnderRequire_signatureMissingAfterExtractAndStagingEmpty() throws Exception {
    serve("/u/acme_tool-2.0.0.tgz", TestArchives.bundleTarGz("acme_tool", "2.0.0"));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.parse("default_mode = \"require\"", temp, "t"))
        .stage(InstallRequest.of(wm.baseUrl() + "/u/acme_tool-2.0.0.tgz"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SIGNATURE_MISSING);
    assertThat(e.phase()).isEqualTo(Phase.VERIFY);
    assertThat(e.details()).containsEntry("pluginId", "acme_tool");
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }
}
