package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestWriterTest {
  @Test
  void toToml_designExample_parsesBackToEqualModel() {
    PluginManifest m = ManifestParserTest.designExample();

    ManifestReport again = ManifestParser.parse(ManifestWriter.toToml(m));

    assertThat(again.issues()).isEmpty();
    assertThat(again.manifestOrNull()).isEqualTo(m);
  }

  @Test
  void toToml_lazyActivation_parsesBack() {
    PluginManifest d = ManifestParserTest.designExample();
    PluginManifest m = new PluginManifest(d.id(), d.version(), d.name(), d.description(), d.authors(), d.license(),
        d.engine(), d.runtime().withActivation(PluginManifest.Activation.LAZY), d.dependencies(), d.contributes(),
        d.hooks(), d.permissions(), d.configSchema());

    ManifestReport again = ManifestParser.parse(ManifestWriter.toToml(m));

    assertThat(again.issues()).isEmpty();
    assertThat(again.manifestOrNull()).isEqualTo(m);
  }

  @Test
  void toToml_awkwardStrings_areEscaped() {
    PluginManifest m = new PluginManifest("acme_x", "1.0.0", "Quote \" back\\slash", "line1\nline2\ttab\u0001",
        List.of("Zoë"), null, PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, Map.of(),
        PluginManifest.Contributes.NONE, List.of(), PluginManifest.Permissions.NONE,
        Map.of("type", "object", "properties", Map.of("a b", Map.of("type", "string", "enum", List.of("x", "y")))));

    ManifestReport again = ManifestParser.parse(ManifestWriter.toToml(m));

    assertThat(again.issues()).isEmpty();
    assertThat(again.manifestOrNull()).isEqualTo(m);
  }

  @Test
  void toToml_toolsDeferredToolsAndCrashLimits_parseBackToEqualModel() {
    PluginManifest m = new PluginManifest("acme_x", "1.0.0", "Acme X", "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, Map.of(),
        new PluginManifest.Contributes(List.of(), List.of(), List.of("acme_x_scan", "acme_x_list"), List.of("acme_x_list")),
        List.of(), PluginManifest.Permissions.NONE, Map.of(),
        List.of(new PluginManifest.Tool("acme_x_scan", "Scans a path",
            Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path")))),
        new PluginManifest.CrashLimits(2, 600_000L));

    String toml = ManifestWriter.toToml(m);
    ManifestReport again = ManifestParser.parse(toml);

    assertThat(toml).doesNotContain("description = \"\"");
    assertThat(again.issues()).as(toml).isEmpty();
    assertThat(again.manifestOrNull()).isEqualTo(m);
    assertThat(again.manifestOrNull().tool("acme_x_scan")).isPresent();
  }
}
