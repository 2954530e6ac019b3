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
}
