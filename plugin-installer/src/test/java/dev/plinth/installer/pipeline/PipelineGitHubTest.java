package dev.plinth.installer.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PipelineGitHubTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final HostProfile HOST = HostProfile.of("demo-host", "2.1.0");
  static final String ID = "acme_tool";

  @TempDir Path temp;

  private Pipeline pipeline(TrustPolicy policy) {
    return Pipeline.builder().githubApiBase(wm.baseUrl()).target("linux-x86_64").trustPolicy(policy)
        .httpSettings(PipelineTesting.fastHttp()).environment(k -> k.equals("PLINTH_GITHUB_TOKEN") ? "tok123" : null).build();
  }

  /** Stubs release {@code tag} with the given assets (name to bytes) under /dl/. */
  private void release(String path, String tag, Map<String, byte[]> assets) {
    StringBuilder json = new StringBuilder("{\"tag_name\":\"" + tag + "\",\"assets\":[");
    int i = 0;
    for (Map.Entry<String, byte[]> a : assets.entrySet()) {
      wm.stubFor(get("/dl/" + a.getKey()).willReturn(aResponse().withBody(a.getValue())));
      json.append(i++ > 0 ? "," : "").append("{\"name\":\"").append(a.getKey())
          .append("\",\"browser_download_url\":\"").append(wm.baseUrl()).append("/dl/").append(a.getKey())
          .append("\",\"size\":").append(a.getValue().length).append('}');
    }
    wm.stubFor(get(path).willReturn(okJson(json.append("]}").toString())));
  }

  private static Map<String, byte[]> assets(String version, String target, byte[] tarball) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("plugin.toml", TestArchives.manifest(ID, version).getBytes());
    String name = ID + "-" + version + "-" + target + ".tar.gz";
    m.put(name, tarball);
    m.put(name + ".sha256", (PipelineTesting.sha256(tarball) + "  " + name + "\n").getBytes());
    return m;
  }

  @Test
  void stage_releaseWithTargetAndNoarch_prefersTargetAndStagesVerifiedBundle() throws Exception {
    byte[] target = TestArchives.bundleTarGz(ID, "1.2.0");
    Map<String, byte[]> a = assets("1.2.0", "linux-x86_64", target);
    a.putAll(assets("1.2.0", "noarch", TestArchives.bundleTarGz(ID, "1.2.0")));
    release("/repos/acme/tool/releases/tags/v1.2.0", "v1.2.0", a);
    PipelineTesting.Recorder progress = new PipelineTesting.Recorder();
    Path staging = temp.resolve("staging/tx1");

    StagedBundle b = pipeline(TrustPolicy.defaults()).stage(InstallRequest.of("github:acme/tool@v1.2.0"), staging, HOST, progress);

    assertThat(b.id()).isEqualTo(ID);
    assertThat(b.version()).isEqualTo("1.2.0");
    assertThat(b.archiveSha256()).isEqualTo(PipelineTesting.sha256(target));
    assertThat(b.bundleRoot()).isEqualTo(staging.toAbsolutePath().resolve("bundle").toRealPath().resolve(ID));
    assertThat(b.fileDigests()).containsOnlyKeys("plugin.toml", "lib/readme.txt", "bin/run.sh");
    assertThat(b.signature().verified()).isFalse();
    assertThat(b.signature().warning()).startsWith("SIGNATURE_MISSING");
    assertThat(progress.events).containsExactly("start resolve", "end resolve", "start preflight", "end preflight",
        "start download", "end download", "start verify", "end verify", "start extract", "end extract");
    assertThat(staging.resolve("download")).doesNotExist();
    wm.verify(1, getRequestedFor(urlEqualTo("/dl/acme_tool-1.2.0-linux-x86_64.tar.gz")));
    wm.verify(0, getRequestedFor(urlEqualTo("/dl/acme_tool-1.2.0-noarch.tar.gz")));
    wm.verify(1, getRequestedFor(urlEqualTo("/repos/acme/tool/releases/tags/v1.2.0"))
        .withHeader("Authorization", equalTo("Bearer tok123")));
    wm.verify(0, getRequestedFor(urlPathMatching("/dl/.*")).withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
  }

  @Test
  void stage_onlyNoarch_fallsBackToNoarchFromLatest() throws Exception {
    release("/repos/acme/tool/releases/latest", "1.3.0", assets("1.3.0", "noarch", TestArchives.bundleTarGz(ID, "1.3.0")));

    StagedBundle b = pipeline(TrustPolicy.defaults()).stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(b.version()).isEqualTo("1.3.0");
    wm.verify(1, getRequestedFor(urlEqualTo("/dl/acme_tool-1.3.0-noarch.tar.gz")));
  }

  @Test
  void stage_noTarballForTarget_targetMissingListingAvailable() throws Exception {
    release("/repos/acme/tool/releases/latest", "v1.0.0", assets("1.0.0", "darwin-aarch64", TestArchives.bundleTarGz(ID, "1.0.0")));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.TARGET_MISSING);
    assertThat(e.details()).containsEntry("available", List.of("darwin-aarch64"));
    assertThat(e.getMessage()).contains("available: darwin-aarch64");
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_missingManifestAsset_manifestAssetMissing() throws Exception {
    Map<String, byte[]> a = assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0"));
    a.remove("plugin.toml");
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.MANIFEST_ASSET_MISSING);
    assertThat(e.phase()).isEqualTo(Phase.RESOLVE);
  }

  @Test
  void stage_missingDigestAsset_digestMissing() throws Exception {
    Map<String, byte[]> a = assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0"));
    a.remove("acme_tool-1.0.0-noarch.tar.gz.sha256");
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_MISSING);
    assertThat(e.details()).containsEntry("asset", "acme_tool-1.0.0-noarch.tar.gz.sha256");
    wm.verify(0, getRequestedFor(urlEqualTo("/dl/acme_tool-1.0.0-noarch.tar.gz")));
  }

  @Test
  void stage_badTags_releaseTagInvalid() throws Exception {
    release("/repos/acme/tool/releases/latest", "release-2024", assets("1.0.0", "noarch", new byte[1]));

    InstallException fromRelease = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));
    InstallException fromUser = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool@v1.x"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(fromRelease.code()).isEqualTo(InstallErrorCode.RELEASE_TAG_INVALID);
    assertThat(fromRelease.details()).containsEntry("tag", "release-2024");
    assertThat(fromUser.code()).isEqualTo(InstallErrorCode.RELEASE_TAG_INVALID);
    wm.verify(0, getRequestedFor(urlEqualTo("/repos/acme/tool/releases/tags/v1.x")));
  }

  @Test
  void stage_releaseNotFound_hintMentionsToken() {
    wm.stubFor(get("/repos/acme/nope/releases/tags/v9.0.0").willReturn(aResponse().withStatus(404)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/nope@v9.0.0"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.RELEASE_NOT_FOUND);
    assertThat(e.nextStep()).contains("PLINTH_GITHUB_TOKEN");
  }

  @Test
  void stage_rateLimited_rateLimitedWithResetOrRetryAfter() {
    wm.stubFor(get("/repos/acme/a/releases/latest").willReturn(aResponse().withStatus(403)
        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", "1700000000")
        .withBody("{\"message\":\"API rate limit exceeded\"}")));
    wm.stubFor(get("/repos/acme/b/releases/latest").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));

    InstallException reset = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/a"), temp.resolve("s"), HOST, PipelineTesting.NONE));
    InstallException retry = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/b"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(reset.code()).isEqualTo(InstallErrorCode.RATE_LIMITED);
    assertThat(reset.details()).containsEntry("resetAt", "2023-11-14T22:13:20Z").containsEntry("status", 403);
    assertThat(reset.nextStep()).contains("PLINTH_GITHUB_TOKEN");
    assertThat(retry.code()).isEqualTo(InstallErrorCode.RATE_LIMITED);
    assertThat(retry.details()).containsEntry("retryAfterSeconds", "60");
  }

  @Test
  void stage_preflightFails_noArchiveRequested() throws Exception {
    release("/repos/acme/tool/releases/latest", "v1.0.0", assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0")));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HostProfile.of("demo-host", null), PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.PREFLIGHT_FAILED);
    assertThat(e.phase()).isEqualTo(Phase.PREFLIGHT);
    assertThat(e.details().get("issues")).isInstanceOfSatisfying(java.util.List.class, l -> assertThat(l.isEmpty()).isFalse());
    wm.verify(0, getRequestedFor(urlEqualTo("/dl/acme_tool-1.0.0-noarch.tar.gz")));
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_wrongPublishedDigest_digestMismatchAndStagingEmpty() throws Exception {
    Map<String, byte[]> a = assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0"));
    a.put("acme_tool-1.0.0-noarch.tar.gz.sha256", ("0".repeat(64) + "\n").getBytes());
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_MISMATCH);
    assertThat(e.phase()).isEqualTo(Phase.VERIFY);
    assertThat(e.details()).containsEntry("expected", "0".repeat(64));
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_malformedDigestFile_digestInvalid() throws Exception {
    Map<String, byte[]> a = assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0"));
    a.put("acme_tool-1.0.0-noarch.tar.gz.sha256", "see website\n".getBytes());
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DIGEST_INVALID);
    assertThat(e.details()).containsEntry("value", "see");
  }

  @Test
  void stage_archiveServerErrorThenOk_retriedAndStaged() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz(ID, "1.0.0");
    release("/repos/acme/tool/releases/latest", "v1.0.0", assets("1.0.0", "noarch", tarball));
    String path = "/dl/acme_tool-1.0.0-noarch.tar.gz";
    wm.stubFor(get(path).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
    wm.stubFor(get(path).inScenario("flaky").whenScenarioStateIs("ok").willReturn(aResponse().withBody(tarball)));

    StagedBundle b = pipeline(TrustPolicy.defaults()).stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE);

    assertThat(b.archiveSha256()).isEqualTo(PipelineTesting.sha256(tarball));
    wm.verify(2, getRequestedFor(urlEqualTo(path)));
  }

  @Test
  void stage_truncatedArchive_downloadFailedAndStagingEmpty() throws Exception {
    release("/repos/acme/tool/releases/latest", "v1.0.0", assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0")));
    wm.stubFor(get("/dl/acme_tool-1.0.0-noarch.tar.gz").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_FAILED);
    assertThat(e.phase()).isEqualTo(Phase.DOWNLOAD);
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_manifestAssetVersionDisagreesWithTag_manifestMismatchBeforeDownload() throws Exception {
    Map<String, byte[]> a = assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.0"));
    a.put("plugin.toml", TestArchives.manifest(ID, "1.1.0").getBytes());
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.MANIFEST_MISMATCH);
    assertThat(e.phase()).isEqualTo(Phase.RESOLVE);
    assertThat(e.getMessage()).isEqualTo("plugin.toml version must equal the release tag: 1.1.0 (tag v1.0.0)");
    assertThat(e.details()).containsEntry("manifestVersion", "1.1.0").containsEntry("tag", "v1.0.0");
    wm.verify(0, getRequestedFor(urlEqualTo("/dl/acme_tool-1.0.0-noarch.tar.gz")));
  }

  @Test
  void stage_releaseAnswerNotJson_httpErrorNamingUrl() {
    wm.stubFor(get("/repos/acme/tool/releases/latest").willReturn(aResponse().withBody("<html>maintenance</html>")));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.HTTP_ERROR);
    assertThat(e.getMessage()).contains("release answer must be JSON");
    assertThat(e.details()).containsEntry("url", wm.baseUrl() + "/repos/acme/tool/releases/latest");
  }

  @Test
  void stage_tarballManifestDisagrees_manifestMismatchInExtract() throws Exception {
    release("/repos/acme/tool/releases/latest", "v1.0.0", assets("1.0.0", "noarch", TestArchives.bundleTarGz(ID, "1.0.1")));

    InstallException e = PipelineTesting.fail(() -> pipeline(TrustPolicy.defaults())
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s"), HOST, PipelineTesting.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.MANIFEST_MISMATCH);
    assertThat(e.phase()).isEqualTo(Phase.EXTRACT);
    assertThat(e.details()).containsEntry("actualVersion", "1.0.1").containsEntry("expectedVersion", "1.0.0");
    PipelineTesting.assertEmpty(temp.resolve("s"));
  }

  @Test
  void stage_cosignSignedReleaseUnderRequire_verifiedAndPublishedKeyIgnoredForTrust() throws Exception {
    byte[] tarball = TestArchives.bundleTarGz(ID, "1.0.0");
    KeyPair key = TestKeys.ec("secp256r1");
    Map<String, byte[]> a = assets("1.0.0", "noarch", tarball);
    a.put("acme_tool-1.0.0-noarch.tar.gz.sig", TestKeys.cosignSign(key, tarball));
    a.put("acme_tool-1.0.0-noarch.tar.gz.pub", TestKeys.pem(key).getBytes());
    release("/repos/acme/tool/releases/latest", "v1.0.0", a);
    TestKeys.writeString(temp.resolve("keys/acme.pub"), TestKeys.pem(key));
    TrustPolicy pinned = TrustPolicy.parse("default_mode = \"require\"\n[[authors]]\nname = \"acme\"\nplugins = [\"acme_*\"]\nkeys = [\"keys/acme.pub\"]\n", temp, "t");

    StagedBundle ok = pipeline(pinned).stage(InstallRequest.of("github:acme/tool"), temp.resolve("s1"), HOST, PipelineTesting.NONE);
    InstallException notPinned = PipelineTesting.fail(() -> pipeline(TrustPolicy.parse("default_mode = \"require\"\n", temp, "t"))
        .stage(InstallRequest.of("github:acme/tool"), temp.resolve("s2"), HOST, PipelineTesting.NONE));

    assertThat(ok.signature().verified()).isTrue();
    assertThat(ok.signature().method()).isEqualTo("cosign-key");
    assertThat(ok.signature().matchedPolicy()).isEqualTo("acme");
    assertThat(notPinned.code()).isEqualTo(InstallErrorCode.SIGNATURE_UNTRUSTED);
    PipelineTesting.assertEmpty(temp.resolve("s2"));
  }
}
