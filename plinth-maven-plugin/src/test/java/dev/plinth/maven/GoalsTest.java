package dev.plinth.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.installer.release.BundlePacker;
import dev.plinth.testkit.bundle.JarBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals run against real project folders, jars, host profiles and keys; attaching is covered by the invoker ITs. */
class GoalsTest {
  static final String HOST_TOML = """
      [host]
      name = "demo"
      version = "%s"
      api_version = "1.0.0"
      java_version = "17.0.15"
      hook_points = ["tool.pre_exec"]
      extension_interfaces = []
      sandbox_profiles = []
      exported_packages = []
      [installed]
      """;

  @TempDir Path temp;

  static final String PLAIN_CLASS = "package com.acme; public final class Acme {}";

  private MavenProject project(String manifestText) throws Exception {
    return project(manifestText, PLAIN_CLASS);
  }

  /** A project whose jar holds the class {@code com.acme.Acme} compiled from {@code acmeSource}. */
  private MavenProject project(String manifestText, String acmeSource) throws Exception {
    Path base = temp.resolve("project");
    Path classes = Files.createDirectories(base.resolve("target/classes/com/acme"));
    Files.write(classes.resolve("Acme.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
    Files.writeString(base.resolve("target/classes/plugin.toml"), manifestText);
    MavenProject project = new MavenProject();
    project.setGroupId("com.acme");
    project.setArtifactId("acme-tools");
    project.setVersion("1.0.0");
    project.setFile(base.resolve("pom.xml").toFile());
    project.getBuild().setDirectory(base.resolve("target").toString());
    project.getBuild().setOutputDirectory(base.resolve("target/classes").toString());
    DefaultArtifact self = artifact("acme-tools", "compile");
    self.setFile(jar(base.resolve("target/acme-tools-1.0.0.jar"), "com.acme.Acme", acmeSource).toFile());
    project.setArtifact(self);
    DefaultArtifact runtimeDep = artifact("acme-lib", "runtime");
    runtimeDep.setFile(jar(temp.resolve("repo/acme-lib-2.0.jar"), "com.acme.lib.Lib",
        "package com.acme.lib; public final class Lib {}").toFile());
    DefaultArtifact providedDep = artifact("plugin-api", "provided");
    providedDep.setFile(jar(temp.resolve("repo/plugin-api-1.0.jar"), "org.host.Api",
        "package org.host; public interface Api {}").toFile());
    Set<Artifact> deps = new LinkedHashSet<>(List.of(runtimeDep, providedDep));
    project.setArtifacts(deps);
    return project;
  }

  private static DefaultArtifact artifact(String id, String scope) {
    return new DefaultArtifact("com.acme", id, "1.0.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
  }

  /** A real jar holding one class compiled during the test. */
  private static Path jar(Path file, String className, String source) throws Exception {
    Files.createDirectories(file.getParent());
    return JarBuilder.create().source(className, source).write(file);
  }

  private static String manifest(String id, String hostRange) {
    return """
        [plugin]
        id = "%s"
        version = "1.0.0"
        [plugin.engine]
        host = "%s"
        api = "^1.0"
        [plugin.contributes]
        hooks = ["tool.pre_exec"]
        """.formatted(id, hostRange);
  }

  private PreflightMojo preflight(MavenProject project, String hostVersion) throws Exception {
    PreflightMojo mojo = new PreflightMojo();
    Path base = project.getBasedir().toPath();
    mojo.project = project;
    mojo.manifest = base.resolve("target/classes/plugin.toml").toFile();
    mojo.bundleDirectory = base.resolve("target/plinth-bundle").toFile();
    mojo.report = base.resolve("target/plinth-preflight.json").toFile();
    mojo.hostProfile = base.resolve("host.toml").toFile();
    if (hostVersion != null) {
      Files.writeString(base.resolve("host.toml"), HOST_TOML.formatted(hostVersion));
    }
    return mojo;
  }

  private static final String SPAWNING_CLASS = """
      package com.acme;
      public final class Acme {
        public Process spawn() throws Exception {
          return new ProcessBuilder("true").start();
        }
      }
      """;

  private static String strictManifest(String capabilities) {
    return manifest("acme_tools", ">=1.0.0 <2.0.0") + """
        [plugin.permissions]
        profile = "strict"
        capabilities = [%s]
        """.formatted(capabilities);
  }

  private static AuditMojo audit(MavenProject project) {
    AuditMojo mojo = new AuditMojo();
    Path base = project.getBasedir().toPath();
    mojo.project = project;
    mojo.manifest = base.resolve("target/classes/plugin.toml").toFile();
    mojo.bundleDirectory = base.resolve("target/plinth-bundle").toFile();
    mojo.report = base.resolve("target/plinth-audit.json").toFile();
    mojo.hostProfile = base.resolve("host.toml").toFile();
    return mojo;
  }

  private static JsonNode auditJson(MavenProject project) throws Exception {
    return new ObjectMapper().readTree(project.getBasedir().toPath().resolve("target/plinth-audit.json").toFile());
  }

  private PackMojo pack(MavenProject project) {
    PackMojo mojo = new PackMojo();
    Path base = project.getBasedir().toPath();
    mojo.project = project;
    mojo.manifest = base.resolve("target/classes/plugin.toml").toFile();
    mojo.bundleDirectory = base.resolve("target/plinth-bundle").toFile();
    mojo.outputDirectory = base.resolve("target").toFile();
    mojo.attach = false;
    mojo.setPluginContext(new HashMap<>());
    return mojo;
  }

  @Test
  void preflight_compatibleBundle_passesAndWritesJsonReport() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=1.0.0 <2.0.0"));
    PreflightMojo mojo = preflight(project, "1.2.0");

    mojo.execute();

    Path base = project.getBasedir().toPath();
    assertThat(Files.readString(base.resolve("target/plinth-preflight.json"))).contains("\"ok\":true");
    assertThat(base.resolve("target/plinth-bundle/lib/acme-tools-1.0.0.jar")).exists();
  }

  @Test
  void preflight_invalidManifestAndWrongHost_failsListingEveryIssue() throws Exception {
    MavenProject project = project(manifest("Acme-Tools", ">=2.0.0 <3.0.0"));
    PreflightMojo mojo = preflight(project, "1.2.0");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("[BUNDLE_PREFLIGHT_FAILED] plugin bundle must pass preflight")
        .hasMessageContaining("MANIFEST_ID_INVALID plugin.id")
        .hasMessageContaining("HOST_VERSION_MISMATCH plugin.engine.host")
        .hasMessageContaining("next step:");
    assertThat(Files.readString(project.getBasedir().toPath().resolve("target/plinth-preflight.json")))
        .contains("MANIFEST_ID_INVALID").contains("\"ok\":false");
  }

  @Test
  void preflight_hostOutsideEngineRange_failsWithHostVersionMismatch() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=2.0.0 <3.0.0"));
    assertThatThrownBy(preflight(project, "1.2.0")::execute)
        .hasMessageContaining("HOST_VERSION_MISMATCH plugin.engine.host");
  }

  @Test
  void pack_projectWithRuntimeAndProvidedDeps_bundlesJarAndRuntimeDepOnlyDeterministically() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=1.0.0 <2.0.0"));
    pack(project).execute();

    Path target = project.getBasedir().toPath().resolve("target");
    Path archive = target.resolve("acme_tools-1.0.0-noarch.tar.gz");
    assertThat(archive).exists();
    try (Stream<Path> lib = Files.list(target.resolve("plinth-bundle/lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("acme-lib-2.0.jar", "acme-tools-1.0.0.jar");
    }
    String sha = Files.readString(target.resolve("acme_tools-1.0.0-noarch.tar.gz.sha256")).split(" ")[0];
    assertThat(BundlePacker.writeTarGz(target.resolve("plinth-bundle"), temp.resolve("again.tar.gz"))).isEqualTo(sha);
  }

  @Test
  void pack_invalidManifest_failsWithPackManifestInvalid() throws Exception {
    MavenProject project = project("[plugin]\nid = \"x\"\n");
    assertThatThrownBy(pack(project)::execute).hasMessageStartingWith("[PACK_MANIFEST_INVALID]");
  }

  @Test
  void sign_generateKey_writesOwnerOnlyKeyAndSignatureVerifyingWithThePublicKey() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=1.0.0 <2.0.0"));
    PackMojo pack = pack(project);
    pack.execute();
    SignMojo sign = new SignMojo();
    Path key = project.getBasedir().toPath().resolve("plinth-signing-key.pem");
    sign.key = key.toFile();
    sign.generateKey = true;
    sign.setPluginContext(pack.getPluginContext());

    sign.execute();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    Path archive = project.getBasedir().toPath().resolve("target/acme_tools-1.0.0-noarch.tar.gz");
    String pem = Files.readString(archive.resolveSibling(archive.getFileName() + ".pub"), StandardCharsets.US_ASCII);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    Signature verify = Signature.getInstance("Ed25519");
    verify.initVerify(publicKey);
    verify.update(Files.readAllBytes(archive));
    byte[] sig = Base64.getDecoder().decode(Files.readString(archive.resolveSibling(archive.getFileName() + ".sig")).trim());
    assertThat(verify.verify(sig)).isTrue();
  }

  @Test
  void sign_noKeyAndNoGeneration_failsNamingTheKeyFile() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=1.0.0 <2.0.0"));
    PackMojo pack = pack(project);
    pack.execute();
    SignMojo sign = new SignMojo();
    Path key = temp.resolve("missing.pem");
    sign.key = key.toFile();
    sign.setPluginContext(pack.getPluginContext());

    assertThatThrownBy(sign::execute).hasMessageStartingWith("[SIGN_KEY_MISSING] signing key must exist: " + key);
  }

  @Test
  void sign_beforePack_failsWithArchiveMissing() throws Exception {
    MavenProject project = project(manifest("acme_tools", ">=1.0.0 <2.0.0"));
    SignMojo sign = new SignMojo();
    sign.key = temp.resolve("k.pem").toFile();
    sign.manifest = project.getBasedir().toPath().resolve("target/classes/plugin.toml").toFile();
    sign.outputDirectory = project.getBasedir().toPath().resolve("target").toFile();
    sign.setPluginContext(new HashMap<>(Map.of()));

    assertThatThrownBy(sign::execute).hasMessageStartingWith("[ARCHIVE_MISSING] archive to sign must exist");
  }

  @Test
  void audit_cleanBundleUnderStrict_passesAndWritesJsonReport() throws Exception {
    MavenProject project = project(strictManifest(""));

    audit(project).execute();

    JsonNode json = auditJson(project);
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("plugin").asText()).isEqualTo("acme_tools");
    assertThat(json.get("profile").asText()).isEqualTo("strict");
    assertThat(json.get("capabilities")).isEmpty();
    assertThat(json.get("issues")).isEmpty();
    assertThat(json.at("/report/classesScanned").asInt()).isEqualTo(2); // the project's class and its runtime library's
    assertThat(json.at("/report/jarsScanned").asInt()).isEqualTo(2);
  }

  @Test
  void audit_undeclaredProcessUnderStrict_failsNamingTheCallSite() throws Exception {
    MavenProject project = project(strictManifest(""), SPAWNING_CLASS);

    assertThatThrownBy(audit(project)::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("[BUNDLE_AUDIT_FAILED] plugin code must stay within sandbox profile `strict`: 1 issue(s)")
        .hasMessageContaining("AUDIT_CAPABILITY_UNDECLARED plugin.permissions.capabilities must declare `process` "
            + "(not allowed by sandbox profile `strict`) (and 1 more call sites): "
            + "com.acme.Acme.spawn line 4 (lib/acme-tools-1.0.0.jar) calls java/lang/ProcessBuilder.<init>([Ljava/lang/String;)V")
        .hasMessageContaining("next step: Add \"process\" to plugin.permissions.capabilities");

    JsonNode json = auditJson(project);
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("capabilities").toString()).isEqualTo("[\"process\"]");
    assertThat(json.at("/issues/0/code").asText()).isEqualTo("AUDIT_CAPABILITY_UNDECLARED");
    JsonNode uses = json.at("/report/uses");
    assertThat(uses).hasSize(2); // the constructor and start()
    assertThat(uses.get(1).get("className").asText()).isEqualTo("com.acme.Acme");
    assertThat(uses.get(1).get("method").asText()).isEqualTo("spawn()Ljava/lang/Process;");
    assertThat(uses.get(1).get("location").asText()).isEqualTo("lib/acme-tools-1.0.0.jar");
    assertThat(uses.get(1).get("target").asText()).isEqualTo("java/lang/ProcessBuilder.start()Ljava/lang/Process;");
  }

  @Test
  void audit_processDeclaredUnderStrict_passesListingItsCallSites() throws Exception {
    MavenProject project = project(strictManifest("\"process\""), SPAWNING_CLASS);

    audit(project).execute();

    JsonNode json = auditJson(project);
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("capabilities").toString()).isEqualTo("[\"process\"]");
    assertThat(json.at("/report/uses/0/line").asInt()).isEqualTo(4);
  }

  @Test
  void preflight_undeclaredProcessUnderStrict_failsWithTheAuditIssue() throws Exception {
    MavenProject project = project(strictManifest(""), SPAWNING_CLASS);

    assertThatThrownBy(preflight(project, "1.2.0")::execute)
        .hasMessageStartingWith("[BUNDLE_PREFLIGHT_FAILED]")
        .hasMessageContaining("AUDIT_CAPABILITY_UNDECLARED plugin.permissions.capabilities: ")
        .hasMessageContaining("com.acme.Acme.spawn line 4 (lib/acme-tools-1.0.0.jar) calls java/lang/ProcessBuilder");
  }
}
