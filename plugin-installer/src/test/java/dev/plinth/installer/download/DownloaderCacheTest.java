package dev.plinth.installer.download;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The metadata cache: revalidated with the server's ETag, never holding an archive. */
class DownloaderCacheTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path temp;

  @Test
  void getText_etagAnswerCached_secondRequestConditionalAndBodyFromCache() {
    wm.stubFor(get("/meta.json").withHeader("If-None-Match", absent())
        .willReturn(aResponse().withBody("{\"v\":1}").withHeader("ETag", "\"abc\"")));
    wm.stubFor(get("/meta.json").withHeader("If-None-Match", equalTo("\"abc\"")).willReturn(aResponse().withStatus(304)));
    Downloader d = Downloader.create(HttpSettings.builder().cache(temp.resolve("cache"), 1 << 20).build());

    HttpText first = d.getText(wm.baseUrl() + "/meta.json", Map.of(), 1024, Phase.RESOLVE);
    HttpText second = d.getText(wm.baseUrl() + "/meta.json", Map.of(), 1024, Phase.RESOLVE);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body()).isEqualTo("{\"v\":1}");
    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/meta.json")).withHeader("If-None-Match", equalTo("\"abc\"")))).hasSize(1);
  }

  @Test
  void download_archiveWithEtag_neverStoredInTheCache() throws Exception {
    byte[] archive = new byte[64 * 1024];
    wm.stubFor(get("/a.tar.gz").willReturn(aResponse().withBody(archive).withHeader("ETag", "\"a1\"")));
    Path cache = temp.resolve("cache");
    Downloader d = Downloader.create(HttpSettings.builder().cache(cache, 1 << 20).build());

    d.download(wm.baseUrl() + "/a.tar.gz", temp.resolve("one.tar.gz"), Set.of(), ProgressListener.NONE);
    d.download(wm.baseUrl() + "/a.tar.gz", temp.resolve("two.tar.gz"), Set.of(), ProgressListener.NONE);

    assertThat(wm.findAll(getRequestedFor(urlEqualTo("/a.tar.gz")).withHeader("If-None-Match", absent()))).hasSize(2);
    try (Stream<Path> files = Files.exists(cache) ? Files.list(cache) : Stream.empty()) {
      assertThat(files.filter(p -> !p.getFileName().toString().startsWith("journal"))).isEmpty();
    }
  }

  @Test
  void cache_setTwiceOrEmpty_refusedNamingTheValue() {
    assertThatThrownBy(() -> HttpSettings.builder().cache(temp, 0)).hasMessage("cache maxBytes must be > 0: 0");
    assertThatThrownBy(() -> HttpSettings.builder().cache(temp, 1).cache(temp, 2)).hasMessageStartingWith("cache was already set");
  }
}
