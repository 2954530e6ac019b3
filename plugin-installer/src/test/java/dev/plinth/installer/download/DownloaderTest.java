package dev.plinth.installer.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.BODY_FILE)).build();

  @TempDir Path temp;

  private final Downloader downloader = Downloader.create(HttpSettings.builder()
      .maxRetries(2).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).maxDownloadBytes(1 << 20).build());

  @Test
  void download_ok_writesFileWithDigestsAndReportsProgress() throws Exception {
    byte[] body = TestArchives.randomBytes(300_000, 7);
    wm.stubFor(get("/a.tar.gz").willReturn(aResponse().withBody(body)));
    List<long[]> progress = new ArrayList<>();

    DownloadResult r = downloader.download(wm.baseUrl() + "/a.tar.gz", temp.resolve("a.tar.gz"),
        Set.of(DigestAlgorithm.SHA512), new ProgressListener() {
          @Override
          public void bytes(long done, long total) {
            progress.add(new long[] {done, total});
          }
        });

    assertThat(Files.readAllBytes(r.file())).isEqualTo(body);
    assertThat(r.size()).isEqualTo(300_000);
    assertThat(r.sha256()).isEqualTo(hex("SHA-256", body));
    assertThat(r.digests().get(DigestAlgorithm.SHA512)).isEqualTo(hex("SHA-512", body));
    assertThat(progress.get(progress.size() - 1)).containsExactly(300_000L, 300_000L);
    wm.verify(1, getRequestedFor(urlEqualTo("/a.tar.gz")).withHeader("User-Agent",
        com.github.tomakehurst.wiremock.client.WireMock.matching("plinth/.+")));
  }

  @Test
  void download_serverErrorThenSuccess_retriedAndSucceeds() {
    wm.stubFor(get("/r").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
    wm.stubFor(get("/r").inScenario("flaky").whenScenarioStateIs("up")
        .willReturn(aResponse().withBody("payload")));

    DownloadResult r = downloader.download(wm.baseUrl() + "/r", temp.resolve("r"), Set.of(), ProgressListener.NONE);

    assertThat(r.size()).isEqualTo(7);
    wm.verify(2, getRequestedFor(urlEqualTo("/r")));
  }

  @Test
  void download_persistent5xx_downloadFailedAfterRetries() {
    wm.stubFor(get("/down").willReturn(aResponse().withStatus(502)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/down", temp.resolve("d"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_FAILED);
    assertThat(e.details()).containsEntry("status", 502);
    wm.verify(3, getRequestedFor(urlEqualTo("/down")));
    assertThat(temp.resolve("d")).doesNotExist();
  }

  @Test
  void download_404_sourceNotFoundWithoutRetry() {
    wm.stubFor(get("/missing").willReturn(aResponse().withStatus(404)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/missing", temp.resolve("m"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_NOT_FOUND);
    assertThat(e.phase()).isEqualTo(Phase.DOWNLOAD);
    wm.verify(1, getRequestedFor(urlEqualTo("/missing")));
  }

  @Test
  void download_403_httpErrorWithoutRetry() {
    wm.stubFor(get("/forbidden").willReturn(aResponse().withStatus(403)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/forbidden", temp.resolve("f"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.HTTP_ERROR);
    assertThat(e.details()).containsEntry("status", 403);
    wm.verify(1, getRequestedFor(urlEqualTo("/forbidden")));
  }

  @Test
  void download_contentLengthOverCap_tooLargeBeforeReading() {
    wm.stubFor(get("/big").willReturn(aResponse().withBody(new byte[(1 << 20) + 1])));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/big", temp.resolve("big"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_TOO_LARGE);
    assertThat(e.details()).containsEntry("size", (long) (1 << 20) + 1);
    assertThat(temp.resolve("big")).doesNotExist();
  }

  @Test
  void download_chunkedBodyOverCap_tooLargeAndPartialRemoved() {
    wm.stubFor(get("/chunked").willReturn(aResponse().withBody(new byte[(1 << 20) + 4096])
        .withChunkedDribbleDelay(4, 20)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/chunked", temp.resolve("c"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_TOO_LARGE);
    assertThat(temp.resolve("c")).doesNotExist();
  }

  @Test
  void download_truncatedBody_failedAfterRetriesAndPartialRemoved() {
    wm.stubFor(get("/trunc").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/trunc", temp.resolve("t"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_FAILED);
    assertThat(e.details()).containsEntry("attempts", 3);
    wm.verify(3, getRequestedFor(urlEqualTo("/trunc")));
    assertThat(temp.resolve("t")).doesNotExist();
  }

  @Test
  void download_connectionReset_failedAfterRetries() {
    wm.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/reset", temp.resolve("x"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_FAILED);
    wm.verify(3, getRequestedFor(urlEqualTo("/reset")));
  }

  @Test
  void download_threadInterrupted_interruptedAndPartialRemoved() {
    wm.stubFor(get("/slow").willReturn(aResponse().withBody(new byte[600_000]).withChunkedDribbleDelay(6, 300)));
    ProgressListener interruptAfterFirstBytes = new ProgressListener() {
      @Override
      public void bytes(long done, long total) {
        Thread.currentThread().interrupt();
      }
    };

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/slow", temp.resolve("s"), Set.of(), interruptAfterFirstBytes));
    boolean flagKept = Thread.interrupted();

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_INTERRUPTED);
    assertThat(flagKept).isTrue();
    assertThat(temp.resolve("s")).doesNotExist();
    wm.verify(1, getRequestedFor(urlEqualTo("/slow")));
  }

  @Test
  void download_plainHttpToRemoteHost_sourceInvalidWithoutRequest() {
    InstallException e = fail(() -> downloader.download("http://example.com/x.tar.gz", temp.resolve("x"), Set.of(), ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_INVALID);
    assertThat(e.details()).containsEntry("url", "http://example.com/x.tar.gz");
  }

  @Test
  void getText_serverErrorThenOk_returnsBody() {
    wm.stubFor(get("/j").inScenario("j").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("ok"));
    wm.stubFor(get("/j").inScenario("j").whenScenarioStateIs("ok")
        .willReturn(aResponse().withBody("{}").withHeader("X-Test", "1")));

    HttpText t = downloader.getText(wm.baseUrl() + "/j", Map.of("Accept", "application/json"), 1000, Phase.RESOLVE);

    assertThat(t.status()).isEqualTo(200);
    assertThat(t.body()).isEqualTo("{}");
    assertThat(t.header("x-test")).contains("1");
  }

  /** TEST-NET-1 (RFC 5737): never routed, so a connection attempt to it would hang until the timeout. */
  private static final String UNROUTED_HTTP = "http://192.0.2.1:9/x.tar.gz";

  @Test
  void download_redirectToPlainHttpRemoteHost_refusedWithoutConnecting() {
    wm.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", UNROUTED_HTTP)));
    Downloader slowConnect = Downloader.create(HttpSettings.builder()
        .maxRetries(0).connectTimeout(Duration.ofSeconds(20)).build());
    long start = System.nanoTime();

    InstallException e = fail(() -> slowConnect.download(wm.baseUrl() + "/moved", temp.resolve("m"), Set.of(),
        ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_INVALID);
    assertThat(e.phase()).isEqualTo(Phase.DOWNLOAD);
    assertThat(e.details()).containsEntry("url", UNROUTED_HTTP).containsEntry("from", wm.baseUrl() + "/moved");
    assertThat(e.getMessage()).startsWith("redirect target must be https").contains(UNROUTED_HTTP);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused before any connection attempt")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(temp.resolve("m")).doesNotExist();
  }

  @Test
  void getText_redirectToPlainHttpRemoteHost_refusedWithoutConnecting() {
    wm.stubFor(get("/meta").willReturn(aResponse().withStatus(301).withHeader("Location", UNROUTED_HTTP)));
    Downloader slowConnect = Downloader.create(HttpSettings.builder()
        .maxRetries(0).connectTimeout(Duration.ofSeconds(20)).build());
    long start = System.nanoTime();

    InstallException e = fail(() -> slowConnect.getText(wm.baseUrl() + "/meta", Map.of(), 1000, Phase.RESOLVE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.SOURCE_INVALID);
    assertThat(e.phase()).isEqualTo(Phase.RESOLVE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void download_redirectOnLoopback_followed() throws Exception {
    byte[] body = TestArchives.randomBytes(1000, 3);
    wm.stubFor(get("/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/new")));
    wm.stubFor(get("/new").willReturn(aResponse().withBody(body)));

    DownloadResult r = downloader.download(wm.baseUrl() + "/old", temp.resolve("n"), Set.of(), ProgressListener.NONE);

    assertThat(Files.readAllBytes(r.file())).isEqualTo(body);
  }

  @Test
  void getText_redirects_keepAuthorizationOnSameOriginAndDropItElsewhere() {
    int port = wm.getPort();
    wm.stubFor(get("/api/asset").willReturn(aResponse().withStatus(302).withHeader("Location", "/api/asset-2")));
    wm.stubFor(get("/api/asset-2").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.1:" + port + "/cdn/asset")));
    wm.stubFor(get("/cdn/asset").willReturn(aResponse().withBody("bytes")));

    HttpText t = downloader.getText(wm.baseUrl() + "/api/asset", Map.of("Authorization", "Bearer s3cret"), 1000,
        Phase.RESOLVE);

    assertThat(t.body()).isEqualTo("bytes");
    wm.verify(getRequestedFor(urlEqualTo("/api/asset-2")).withHeader("Authorization", equalTo("Bearer s3cret")));
    wm.verify(getRequestedFor(urlEqualTo("/cdn/asset")).withoutHeader("Authorization"));
  }

  @Test
  void download_redirectLoop_failsNamingTheLoopAfterRetries() {
    wm.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

    InstallException e = fail(() -> downloader.download(wm.baseUrl() + "/loop", temp.resolve("l"), Set.of(),
        ProgressListener.NONE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.DOWNLOAD_FAILED);
    assertThat(e.getMessage()).contains("too many redirects: more than " + Downloader.MAX_REDIRECTS);
    wm.verify(3 * (Downloader.MAX_REDIRECTS + 1), getRequestedFor(urlEqualTo("/loop")));
    assertThat(temp.resolve("l")).doesNotExist();
  }

  @Test
  void getText_connectionResetEveryTime_httpErrorAfterRetriesNamingUrl() {
    wm.stubFor(get("/flaky").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    InstallException e = fail(() -> downloader.getText(wm.baseUrl() + "/flaky", Map.of(), 1000, Phase.RESOLVE));

    assertThat(e.code()).isEqualTo(InstallErrorCode.HTTP_ERROR);
    assertThat(e.phase()).isEqualTo(Phase.RESOLVE);
    assertThat(e.details()).containsEntry("url", wm.baseUrl() + "/flaky");
    assertThat(e.getMessage()).startsWith("url must be reachable: " + wm.baseUrl() + "/flaky");
    wm.verify(3, getRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void getText_resetThenOk_retriedAndReturnsBody() {
    wm.stubFor(get("/r").inScenario("r").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
    wm.stubFor(get("/r").inScenario("r").whenScenarioStateIs("ok").willReturn(aResponse().withBody("[]")));

    assertThat(downloader.getText(wm.baseUrl() + "/r", Map.of(), 1000, Phase.RESOLVE).body()).isEqualTo("[]");
  }

  @Test
  void getText_bodyOverLimit_tooLargeWithAndWithoutContentLength() {
    wm.stubFor(get("/huge").willReturn(aResponse().withBody(new byte[5000])));
    wm.stubFor(get("/huge-chunked").willReturn(aResponse().withBody(new byte[5000]).withChunkedDribbleDelay(5, 10)));

    InstallException announced = fail(() -> downloader.getText(wm.baseUrl() + "/huge", Map.of(), 1000, Phase.RESOLVE));
    InstallException streamed = fail(() -> downloader.getText(wm.baseUrl() + "/huge-chunked", Map.of(), 1000, Phase.RESOLVE));

    assertThat(announced.code()).isEqualTo(InstallErrorCode.DOWNLOAD_TOO_LARGE);
    assertThat(announced.phase()).isEqualTo(Phase.RESOLVE);
    assertThat(streamed.code()).isEqualTo(InstallErrorCode.DOWNLOAD_TOO_LARGE);
  }

  @Test
  void isLoopback_namesAndLiterals_classifiedWithoutDns() {
    assertThat(Downloader.isLoopback("127.0.0.1")).isTrue();
    assertThat(Downloader.isLoopback("localhost")).isTrue();
    assertThat(Downloader.isLoopback("[::1]")).isTrue();
    assertThat(Downloader.isLoopback("10.0.0.1")).isFalse();
    assertThat(Downloader.isLoopback("127.0.0.1.nip.io")).isFalse();
  }

  @Test
  void settings_sameSettingTwice_rejectedNamingOldValue() {
    HttpSettings.Builder b = HttpSettings.builder().maxRetries(1);

    IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> b.maxRetries(2));

    assertThat(e).hasMessage("maxRetries was already set: 1");
    assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> HttpSettings.builder().maxDownloadBytes(-1)))
        .hasMessage("maxDownloadBytes must be > 0: -1");
  }

  static InstallException fail(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    InstallException e = catchThrowableOfType(InstallException.class, call);
    assertThat(e).as("expected an InstallException").isNotNull();
    return e;
  }

  static String hex(String alg, byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
  }
}
