package dev.plinth.maven;

import static dev.plinth.testkit.assertions.PlinthAssertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.junit.PlinthTestHost;
import dev.plinth.testkit.server.ReleaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What plinth:pack writes is a bundle a host installs: the files, under the names Maven gives the
 * attached artifacts (checked by the invoker IT), are served as a Maven repository and installed
 * through a {@code maven:} source into a real plugin system, where the plugin starts from lib/.
 */
class PackedBundleInstallTest {
  static final String MANIFEST = """
      [plugin]
      id = "acme_tools"
      version = "1.0.0"
      [plugin.engine]
      host = ">=1.0.0 <2.0.0"
      api = "^1.0"
      """;

  @TempDir Path temp;

  @Test
  void packedArchive_publishedAsMavenArtifact_installsAndStartsThroughMavenSource() throws Exception {
    // The project's jar: the plugin's classes and its ServiceLoader entry, compiled here.
    BuiltBundle jar = PluginBundle.builder("acme_tools", "1.0.0").manifestText(MANIFEST)
        .pluginClass("com.acme.ToolsPlugin")
        .source("com.acme.ToolsPlugin", """
            package com.acme;
            public final class ToolsPlugin implements dev.plinth.api.Plugin {}
            """)
        .writeJar(temp.resolve("jar"));
    Path base = temp.resolve("project");
    Files.createDirectories(base.resolve("target/classes"));
    Files.writeString(base.resolve("target/classes/plugin.toml"), MANIFEST);
    MavenProject project = new MavenProject();
    project.setGroupId("com.acme");
    project.setArtifactId("acme-tools");
    project.setVersion("1.0.0");
    project.setFile(base.resolve("pom.xml").toFile());
    project.getBuild().setDirectory(base.resolve("target").toString());
    project.getBuild().setOutputDirectory(base.resolve("target/classes").toString());
    DefaultArtifact self = new DefaultArtifact("com.acme", "acme-tools", "1.0.0", "compile", "jar", null, new DefaultArtifactHandler("jar"));
    self.setFile(jar.path().toFile());
    project.setArtifact(self);
    PackMojo pack = new PackMojo();
    pack.project = project;
    pack.manifest = base.resolve("target/classes/plugin.toml").toFile();
    pack.bundleDirectory = base.resolve("target/plinth-bundle").toFile();
    pack.outputDirectory = base.resolve("target").toFile();
    pack.attach = false;
    pack.setPluginContext(new HashMap<>());
    pack.execute();

    try (PlinthTestHost host = PlinthTestHost.builder(temp.resolve("host")).host("acme-host", "1.2.0").build()) {
      ReleaseServer server = host.server();
      String dir = "/maven/com/acme/acme-tools/1.0.0/acme-tools-1.0.0";
      Path target = base.resolve("target");
      server.publishFile(dir + ".tar.gz", Files.readAllBytes(target.resolve("acme_tools-1.0.0-noarch.tar.gz")), "application/gzip");
      server.publishFile(dir + ".tar.gz.sha256", Files.readAllBytes(target.resolve("acme_tools-1.0.0-noarch.tar.gz.sha256")), "text/plain");
      server.publishFile(dir + "-plugin.toml", Files.readAllBytes(target.resolve("plinth-bundle/plugin.toml")), "text/plain");

      var outcome = host.system().install(InstallRequest.of("maven:com.acme:acme-tools:1.0.0")
          .withEnable(true).withAcknowledgePermissions(true));

      assertThat(outcome).isInstalled("1.0.0");
      assertThat(host.status("acme_tools")).isStarted();
      org.assertj.core.api.Assertions.assertThat(host.home().resolve("plugins/acme_tools/current/lib").resolve(jar.path().getFileName().toString()))
          .isRegularFile();
    }
  }
}
