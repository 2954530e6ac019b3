package dev.plinth.installer.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceSpecsTest {
  @Test
  void unpinned_dropsGithubTagAndCatalogRangeKeepsOthers() {
    assertThat(SourceSpecs.unpinned("github:acme/redactor@v1.0.0")).isEqualTo("github:acme/redactor");
    assertThat(SourceSpecs.unpinned("catalog:acme_redactor@^1.0")).isEqualTo("catalog:acme_redactor");
    assertThat(SourceSpecs.unpinned("maven:dev.acme:redactor:1.0.0")).isEqualTo("maven:dev.acme:redactor:1.0.0");
    assertThat(SourceSpecs.unpinned("https://x.example/a.tar.gz#sha256=ab")).isEqualTo("https://x.example/a.tar.gz#sha256=ab");
    assertThat(SourceSpecs.unpinned("./bundles/acme")).isEqualTo("./bundles/acme");
  }

  @Test
  void pinned_addsOrKeepsTheVersion() {
    assertThat(SourceSpecs.pinned("github:acme/redactor", "1.2.0")).isEqualTo("github:acme/redactor@v1.2.0");
    assertThat(SourceSpecs.pinned("github:acme/redactor@1.2.0", "1.2.0")).isEqualTo("github:acme/redactor@1.2.0");
    assertThat(SourceSpecs.pinned("github:acme/redactor@v1.0.0", "1.2.0")).isEqualTo("github:acme/redactor@v1.2.0");
    assertThat(SourceSpecs.pinned("catalog:acme_redactor@^1.0", "1.2.0")).isEqualTo("catalog:acme_redactor@=1.2.0");
    assertThat(SourceSpecs.pinned("./bundles/acme", "1.2.0")).isEqualTo("./bundles/acme");
  }

  @Test
  void versions_compareBySemverNotText() {
    assertThat(Versions.compare("1.10.0", "1.9.0")).isPositive();
    assertThat(Versions.compare("1.0.0-rc.1", "1.0.0")).isNegative();
    assertThat(Versions.satisfies("1.5.0", ">=1.0.0 <2.0.0")).isTrue();
    assertThat(Versions.satisfies("2.0.0", "^1.0.0")).isFalse();
    assertThat(Versions.satisfies("not-a-version", "*")).isFalse();
  }

  @Test
  void permissionsDigest_ignoresOrderAndSeesChanges() {
    var a = new dev.plinth.manifest.PluginManifest.Permissions(java.util.List.of("a.example", "b.example"),
        java.util.List.of("K"), java.util.List.of(), java.util.List.of(), false, null);
    var b = new dev.plinth.manifest.PluginManifest.Permissions(java.util.List.of("b.example", "a.example"),
        java.util.List.of("K"), java.util.List.of(), java.util.List.of(), false, null);
    var c = new dev.plinth.manifest.PluginManifest.Permissions(java.util.List.of("a.example"),
        java.util.List.of("K"), java.util.List.of(), java.util.List.of(), true, null);
    assertThat(PluginState.permissionsDigest(a)).isEqualTo(PluginState.permissionsDigest(b)).startsWith("sha256:").hasSize(71);
    assertThat(PluginState.permissionsDigest(c)).isNotEqualTo(PluginState.permissionsDigest(a));
  }
}
