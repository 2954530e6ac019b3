package dev.plinth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plinth.manifest.Capability;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.bundle.PluginBundleBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path temp;

  private static PluginBundleBuilder exits(List<Capability> declared) {
    return PluginBundle.builder("exiter", "1.0.0")
        .source("com.acme.Exiter", "package com.acme; public final class Exiter {"
            + " public void run() { System.exit(1); } public void spin() { new Thread(() -> { }).start(); } }")
        .permissions(new PluginManifest.Permissions(List.of(), List.of(), List.of(), List.of(), false, null, declared));
  }

  @Test
  void audit_undeclaredExitInArchive_exitsOneNamingTheCallSite() throws Exception {
    Path archive = exits(List.of()).writeTarGz(temp).path();

    CliRunner r = CliRunner.run("--home", temp.resolve("home").toString(), "audit", archive.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("exit (1 call site)").contains("com.acme.Exiter.run()V line 1 (classes/com/acme/Exiter.class)")
        .contains("threads (1 call site)").contains("AUDIT_CAPABILITY_UNDECLARED");
    assertThat(r.err()).contains("AUDIT_CAPABILITY_UNDECLARED");
  }

  @Test
  void audit_declaredExitInFolder_json_listsCapabilitiesAndUses() throws Exception {
    Path folder = exits(List.of(Capability.EXIT)).writeFolder(temp.resolve("b"));

    CliRunner r = CliRunner.run("--home", temp.resolve("home").toString(), "--json", "audit", folder.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    JsonNode doc = r.json();
    assertThat(doc.at("/result/plugin").asText()).isEqualTo("exiter");
    assertThat(doc.at("/result/capabilities").toString()).isEqualTo("[\"exit\",\"threads\"]");
    assertThat(doc.at("/result/report/uses/0/className").asText()).isEqualTo("com.acme.Exiter");
    assertThat(doc.at("/result/issues")).isEmpty();
  }

  @Test
  void audit_hostProfileAllowsExit_passesWithoutDeclaration() throws Exception {
    Path folder = exits(List.of()).writeFolder(temp.resolve("b"));
    Path hostToml = Files.writeString(temp.resolve("host.toml"), """
        [host]
        name = "demo"
        version = "1.0.0"
        [sandbox.standard]
        allow = ["exit", "threads"]
        """);

    CliRunner r = CliRunner.run("audit", "--host-profile", hostToml.toString(), folder.toString());

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ok: uses [exit, threads]");
  }
}
