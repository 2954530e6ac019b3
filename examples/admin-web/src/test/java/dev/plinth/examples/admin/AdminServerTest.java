package dev.plinth.examples.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.installer.catalog.CatalogSource;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.server.Fault;
import dev.plinth.testkit.server.ReleaseServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's HTTP API without a browser: the catalog, an install's event stream, rollback, doctor. */
class AdminServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;
  ReleaseServer server;
  AdminHost host;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void setUp() {
    server = ReleaseServer.start();
    String entry = "com.acme.hello.Hello";
    String index = server.publishCatalog("/index.json", List.of(server.catalogEntry(
        PluginBundle.builder("acme_hello", "1.0.0").engine(">=1.0.0", "^1.0", ">=17").pluginClass(entry)
            .source(entry, "package com.acme.hello; public class Hello implements dev.plinth.api.Plugin {}")
            .writeTarGz(temp.resolve("b")), "Says hello")));
    String slow = server.publishCatalog("/slow.json", List.of());
    server.inject("/slow\\.json", Fault.fixedDelay(Duration.ofSeconds(30)));
    // a listing, not an index: installs of catalog: sources never ask it
    host = AdminHost.open(temp.resolve("home"), List.of(CatalogSource.parse(index), CatalogSource.parse("github-index:" + slow)), null,
        TrustPolicy.defaults(), 0);
  }

  @AfterEach
  void tearDown() {
    host.close();
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(host.url() + path)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(host.url() + path)).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void catalog_slowSource_partialWithTimeoutAndTheOtherSourceListed() throws Exception {
    HttpResponse<String> r = get("/api/catalog");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(r.body());
    assertThat(doc.path("partial").asBoolean()).isTrue();
    assertThat(doc.path("plugins").get(0).path("id").asText()).isEqualTo("acme_hello");
    assertThat(doc.path("failedSources").get(0).path("error").path("code").asText()).isEqualTo("CATALOG_SOURCE_TIMEOUT");
  }

  @Test
  void install_eventStream_phasesInOrderThenOutcome() throws Exception {
    HttpResponse<String> started = post("/api/install", "{\"source\":\"catalog:acme_hello@=1.0.0\"}");
    assertThat(started.statusCode()).isEqualTo(202);
    String job = JSON.readTree(started.body()).path("job").asText();

    String stream = get("/api/jobs/" + job + "/events").body();

    assertThat(stream).contains("event: phase\ndata: {").endsWith("\n\n");
    List<String> phases = stream.lines().filter(l -> l.startsWith("data: ") && l.contains("\"state\":\"started\"")).map(l -> l.replaceAll(".*\"phase\":\"([a-z]+)\".*", "$1")).toList();
    assertThat(phases).containsSubsequence("resolve", "preflight", "download", "verify", "extract", "activate", "commit");
    String outcome = stream.substring(stream.indexOf("event: outcome"));
    assertThat(JSON.readTree(outcome.substring(outcome.indexOf('{'))).path("type").asText()).isEqualTo("Installed");
    assertThat(host.system().info("acme_hello").orElseThrow().currentVersion()).isEqualTo("1.0.0");
  }

  @Test
  void rollbackAndDoctor_singleVersion_typedErrorAndDoctorReport() throws Exception {
    HttpResponse<String> rollback = post("/api/rollback", "{\"id\":\"acme_missing\"}");
    HttpResponse<String> doctor = get("/api/doctor");
    HttpResponse<String> unknown = get("/api/nothing");
    HttpResponse<String> badJob = get("/api/jobs/job-99/events");

    assertThat(rollback.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(rollback.body()).path("type").asText()).as(rollback.body()).isEqualTo("Failed");
    assertThat(JSON.readTree(rollback.body()).path("cause").path("code").asText()).as(rollback.body()).isEqualTo("PLUGIN_NOT_INSTALLED");
    assertThat(JSON.readTree(doctor.body()).path("healthy").isBoolean()).isTrue();
    assertThat(JSON.readTree(doctor.body()).path("text").asText()).startsWith("plinth doctor");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(badJob.statusCode()).isEqualTo(404);
    assertThat(get("/").body()).contains("<table id=\"catalog\">");
  }
}
