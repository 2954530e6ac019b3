package dev.plinth.installer.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.plinth.installer.TestArchives;
import dev.plinth.installer.trust.TrustMode;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Catalog listings over a real loopback server, real archives and folders. */
class PluginCatalogTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final HostProfile HOST = HostProfile.of("demo-host", "2.1.0");

  @TempDir Path temp;

  private static String manifest(String id, String version, String hostRange) {
    return "[plugin]\nid = \"" + id + "\"\nversion = \"" + version + "\"\nname = \"" + id + " plugin\"\n"
        + "description = \"Does " + id + " things\"\n[plugin.engine]\nhost = \"" + hostRange + "\"\n";
  }

  private static String entry(String id, String version, String extra) {
    return "{\"id\":\"" + id + "\",\"version\":\"" + version + "\",\"archive_url\":\"/dl/" + id + "-" + version
        + ".tar.gz\",\"sha256\":\"" + "ab".repeat(32) + "\"" + extra + "}";
  }

  private static String index(String... entries) {
    return "{\"schema_version\":1,\"plugins\":[" + String.join(",", entries) + "]}";
  }

  private PluginCatalogBuilder catalog(CatalogSource... sources) {
    return PluginCatalog.builder().sources(List.of(sources)).hostProfile(() -> HOST)
        .httpSettings(b -> b.maxRetries(0));
  }

  @Test
  void list_indexWithManifests_verdictTrustAndUpdateBeforeAnyArchiveRequest() {
    wm.stubFor(get("/m/good.toml").willReturn(aResponse().withBody(manifest("acme_good", "1.4.0", ">=2.0.0 <3.0.0"))));
    wm.stubFor(get("/m/old.toml").willReturn(aResponse().withBody(manifest("acme_old", "0.9.0", "<2.0.0"))));
    wm.stubFor(get("/index.json").willReturn(okJson(index(
        entry("acme_good", "1.2.0", ""),
        entry("acme_good", "1.4.0", ",\"manifest_url\":\"/m/good.toml\",\"signature_url\":\"/dl/g.sig\",\"description\":\"Good one\""),
        entry("acme_old", "0.9.0", ",\"manifest_url\":\"/m/old.toml\""),
        entry("acme_plain", "2.0.0", ",\"signature_url\":\"/dl/p.sigstore.json\"")))));

    CatalogResult r = catalog(new CatalogSource.Index(wm.baseUrl() + "/index.json"))
        .installed(() -> Map.of("acme_good", "1.2.0", "acme_plain", "2.0.0")).build().list();

    assertThat(r.partial()).isFalse();
    assertThat(r.plugins()).extracting(CatalogPlugin::id).containsExactly("acme_good", "acme_old", "acme_plain");
    CatalogPlugin good = r.plugins().get(0);
    assertThat(good.latestVersion()).isEqualTo("1.4.0");
    assertThat(good.installSource()).isEqualTo("catalog:acme_good@=1.4.0");
    assertThat(good.description()).isEqualTo("Good one");
    assertThat(good.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.COMPATIBLE);
    assertThat(good.trust()).isEqualTo(TrustTier.UNKNOWN_SIGNER);
    assertThat(good.trustMode()).isEqualTo(TrustMode.WARN);
    assertThat(good.installedVersion()).isEqualTo("1.2.0");
    assertThat(good.updateAvailable()).isTrue();
    CatalogPlugin old = r.plugins().get(1);
    assertThat(old.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.INCOMPATIBLE);
    assertThat(old.compatibility().problems()).extracting(p -> p.code()).contains("HOST_VERSION_MISMATCH");
    assertThat(old.trust()).isEqualTo(TrustTier.UNSIGNED);
    CatalogPlugin plain = r.plugins().get(2);
    assertThat(plain.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.UNKNOWN);
    assertThat(plain.updateAvailable()).isFalse();
    assertThat(r.updates()).extracting(CatalogPlugin::id).containsExactly("acme_good");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/dl/acme_good-1.4.0.tar.gz")))).isEmpty();
  }

  @Test
  void list_oneSourceSlowOneGarbage_partialWithEachErrorAndTheGoodSourceListed() {
    wm.stubFor(get("/good.json").willReturn(okJson(index(entry("acme_good", "1.0.0", "")))));
    wm.stubFor(get("/slow.json").willReturn(okJson(index(entry("acme_slow", "1.0.0", ""))).withFixedDelay(15_000)));
    wm.stubFor(get("/garbage.json").willReturn(aResponse().withBody("<html>maintenance</html>")));
    wm.stubFor(get("/gone.json").willReturn(aResponse().withStatus(503)));

    CatalogResult r = catalog(new CatalogSource.Index(wm.baseUrl() + "/slow.json"),
        new CatalogSource.Index(wm.baseUrl() + "/garbage.json"),
        new CatalogSource.Index(wm.baseUrl() + "/good.json"),
        new CatalogSource.Index(wm.baseUrl() + "/gone.json"))
        .sourceTimeout(Duration.ofMillis(2_500)).build().list();

    assertThat(r.partial()).isTrue();
    assertThat(r.plugins()).extracting(CatalogPlugin::id).containsExactly("acme_good");
    assertThat(r.sources()).extracting(SourceStatus::ok).containsExactly(false, false, true, false);
    assertThat(r.failedSources()).extracting(s -> s.error().code())
        .containsExactly("CATALOG_SOURCE_TIMEOUT", "CATALOG_SOURCE_INVALID", "HTTP_ERROR");
    assertThat(r.failedSources().get(1).error().message()).contains("garbage.json").contains("must answer JSON");
    assertThat(r.failedSources().get(0).error().nextStep()).contains("sourceTimeout");
    assertThat(r.sources().get(2).plugins()).isEqualTo(1);
  }

  @Test
  void list_cachedIndexWithEtag_revalidatesWithIfNoneMatchAndServes304() {
    String body = index(entry("acme_good", "1.0.0", ""));
    wm.stubFor(get("/etag.json").withHeader("If-None-Match", absent())
        .willReturn(okJson(body).withHeader("ETag", "\"v1\"")));
    wm.stubFor(get("/etag.json").withHeader("If-None-Match", equalTo("\"v1\""))
        .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
    PluginCatalog catalog = catalog(new CatalogSource.Index(wm.baseUrl() + "/etag.json"))
        .cacheDirectory(temp.resolve("cache")).build();

    CatalogResult first = catalog.list();
    CatalogResult second = catalog.list();

    assertThat(second.plugins()).isEqualTo(first.plugins());
    assertThat(second.plugins()).extracting(CatalogPlugin::id).containsExactly("acme_good");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/etag.json")))).hasSize(2);
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/etag.json")).withHeader("If-None-Match", equalTo("\"v1\""))))
        .hasSize(1);
  }

  @Test
  void list_githubListing_readsLatestReleasesAndWarnsAboutTheBrokenRepository() throws Exception {
    String toml = manifest("acme_gh", "3.1.0", ">=2.0.0");
    byte[] tarball = TestArchives.bundleTarGz("acme_gh", "3.1.0");
    String name = "acme_gh-3.1.0-noarch.tar.gz";
    wm.stubFor(get("/dl/plugin.toml").willReturn(aResponse().withBody(toml)));
    wm.stubFor(get("/dl/" + name + ".sha256").willReturn(aResponse().withBody("ab".repeat(32) + "  " + name)));
    wm.stubFor(get("/repos/acme/gh/releases/latest").willReturn(okJson("{\"tag_name\":\"v3.1.0\",\"assets\":["
        + asset("plugin.toml", toml.length()) + "," + asset(name, tarball.length) + ","
        + asset(name + ".sha256", 80) + "]}")));
    wm.stubFor(get("/repos/acme/broken/releases/latest").willReturn(aResponse().withStatus(404)));
    wm.stubFor(get("/github.json").willReturn(okJson(
        "{\"schema_version\":1,\"repositories\":[\"acme/gh\",\"acme/broken\",\"../etc\"]}")));

    CatalogResult r = catalog(new CatalogSource.GitHubListing(wm.baseUrl() + "/github.json"))
        .githubApiBase(wm.baseUrl()).build().list();

    assertThat(r.partial()).isFalse();
    assertThat(r.plugins()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("acme_gh");
      assertThat(p.latestVersion()).isEqualTo("3.1.0");
      assertThat(p.installSource()).isEqualTo("github:acme/gh");
      assertThat(p.description()).isEqualTo("Does acme_gh things");
      assertThat(p.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.COMPATIBLE);
    });
    assertThat(r.sources().get(0).warnings()).hasSize(2)
        .anySatisfy(w -> assertThat(w).startsWith("github:acme/broken"))
        .anySatisfy(w -> assertThat(w).contains("../etc"));
  }

  private static String asset(String name, int size) {
    return "{\"name\":\"" + name + "\",\"browser_download_url\":\"" + wm.baseUrl() + "/dl/" + name + "\",\"size\":" + size + "}";
  }

  @Test
  void list_mavenMetadata_newestReleaseWithItsPublishedManifest() {
    String dir = "/repo/com/acme/acme-mvn/";
    wm.stubFor(get(dir + "maven-metadata.xml").willReturn(aResponse().withBody(
        "<metadata><groupId>com.acme</groupId><artifactId>acme-mvn</artifactId><versioning>"
            + "<release>1.1.0</release><versions><version>1.0.0</version><version>1.1.0</version></versions>"
            + "</versioning></metadata>")));
    wm.stubFor(get(dir + "1.1.0/acme-mvn-1.1.0.tar.gz.sha256").willReturn(aResponse().withBody("ab".repeat(32))));
    wm.stubFor(get(dir + "1.1.0/acme-mvn-1.1.0-plugin.toml")
        .willReturn(aResponse().withBody(manifest("acme_mvn", "1.1.0", ">=9.0.0"))));
    wm.stubFor(get(dir + "1.1.0/acme-mvn-1.1.0.tar.gz.asc").willReturn(aResponse().withBody("-----BEGIN PGP SIGNATURE-----")));
    wm.stubFor(get("/repo/com/acme/garbage/maven-metadata.xml").willReturn(aResponse().withBody("<metadata><unclosed>")));

    CatalogResult r = catalog(new CatalogSource.MavenArtifacts(wm.baseUrl() + "/repo", List.of("com.acme:acme-mvn", "com.acme:garbage")))
        .build().list();

    assertThat(r.partial()).isFalse();
    assertThat(r.plugins()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("acme_mvn");
      assertThat(p.latestVersion()).isEqualTo("1.1.0");
      assertThat(p.installSource()).isEqualTo("maven:com.acme:acme-mvn:1.1.0");
      assertThat(p.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.INCOMPATIBLE);
      assertThat(p.trust()).isEqualTo(TrustTier.UNKNOWN_SIGNER);
    });
    assertThat(r.sources().get(0).warnings()).singleElement().asString()
        .contains("com.acme:garbage").contains("CATALOG_SOURCE_INVALID");
  }

  @Test
  void search_folderOfBundles_matchesNameAndDescriptionAndSkipsNonBundles() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("bundles"));
    Path dirBundle = Files.createDirectories(folder.resolve("redactor"));
    Files.writeString(dirBundle.resolve("plugin.toml"), manifest("acme_redactor", "1.0.0", ">=2.0.0"));
    byte[] tgz = new TestArchives.Tar(true).dir("acme_scan/")
        .file("acme_scan/plugin.toml", manifest("acme_scan", "0.3.0", ">=2.0.0"), 0644).bytes();
    TestArchives.write(folder.resolve("acme_scan-0.3.0.tar.gz"), tgz);
    Files.writeString(folder.resolve("acme_scan-0.3.0.tar.gz.sig"), "c2ln");
    Files.writeString(folder.resolve("README.txt"), "not a bundle");
    Files.createDirectories(folder.resolve("empty"));

    PluginCatalog catalog = catalog(CatalogSource.parse("folder:" + folder)).build();
    CatalogResult scan = catalog.search("SCAN");
    CatalogResult all = catalog.list();

    assertThat(scan.plugins()).extracting(CatalogPlugin::id).containsExactly("acme_scan");
    assertThat(scan.plugins().get(0).installSource()).isEqualTo(folder.resolve("acme_scan-0.3.0.tar.gz").toAbsolutePath().toString());
    assertThat(scan.plugins().get(0).trust()).isEqualTo(TrustTier.UNKNOWN_SIGNER);
    assertThat(all.plugins()).extracting(CatalogPlugin::id).containsExactly("acme_redactor", "acme_scan");
    assertThat(all.plugins()).allSatisfy(p -> assertThat(p.compatibility().status()).isEqualTo(CompatibilityVerdict.Status.COMPATIBLE));
    assertThat(all.sources().get(0).warnings()).containsExactly("empty: no plugin.toml");
  }

  @Test
  void list_sameIdInTwoSources_highestVersionWinsAndMissingFolderFailsAlone() {
    wm.stubFor(get("/a.json").willReturn(okJson(index(entry("acme_dup", "1.0.0", "")))));
    wm.stubFor(get("/b.json").willReturn(okJson(index(entry("acme_dup", "1.5.0", "")))));

    CatalogResult r = catalog(CatalogSource.parse(wm.baseUrl() + "/a.json"), CatalogSource.parse("index:" + wm.baseUrl() + "/b.json"),
        CatalogSource.parse("folder:" + temp.resolve("missing"))).build().list();

    assertThat(r.plugins()).singleElement().satisfies(p -> {
      assertThat(p.latestVersion()).isEqualTo("1.5.0");
      assertThat(p.sourceName()).endsWith("/b.json");
    });
    assertThat(r.failedSources()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo("folder");
      assertThat(s.error().code()).isEqualTo("SOURCE_NOT_FOUND");
    });
  }

  @Test
  void outdated_installedOlderVersion_listsOnlyTheUpdate() {
    wm.stubFor(get("/o.json").willReturn(okJson(index(entry("acme_a", "2.0.0", ""), entry("acme_b", "1.0.0", "")))));

    CatalogResult r = catalog(CatalogSource.parse(wm.baseUrl() + "/o.json"))
        .installed(() -> Map.of("acme_a", "1.9.9", "acme_b", "1.0.0")).trustPolicy(TrustPolicy.of(TrustMode.REQUIRE))
        .build().outdated();

    assertThat(r.plugins()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo("acme_a");
      assertThat(p.trustMode()).isEqualTo(TrustMode.REQUIRE);
    });
  }
}
