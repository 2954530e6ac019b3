package dev.plinth.testkit.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.manifest.PluginManifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class ManifestTomlTest {

  @Test
  void render_minimalManifest_onlyPluginTable() {
    String toml = PluginBundle.builder("acme_min", "0.1.0").manifest();

    assertThat(toml).isEqualTo("[plugin]\nid = \"acme_min\"\nversion = \"0.1.0\"\nname = \"acme_min\"\n");
  }

  @Test
  void render_everyField_parsesBackWithTomlj() {
    String toml = PluginBundle.builder("acme_redactor", "1.4.2")
        .name("Acme \"Redactor\"")
        .description("Redacts secrets\nfrom output")
        .authors("Acme <oss@acme.example>")
        .license("Apache-2.0")
        .engine(">=2.1.0 <3.0.0", "^1.0", ">=17")
        .entry("com.acme.redactor.RedactorPlugin")
        .classpath("lib/*.jar", "classes")
        .exports("com.acme.redactor.api")
        .dependency("acme_secrets", ">=1.0.0 <2.0.0")
        .hooks("tool.post_exec")
        .extensions("com.example.host.spi.ToolProvider")
        .tools("acme_redactor_scan")
        .hookPolicy("tool.post_exec", 100, 500L, "open")
        .hookPolicy("tool.pre_exec", null, null, "closed")
        .permissions(new PluginManifest.Permissions(List.of("api.acme.example", "*.acme.io"),
            List.of("ACME_API_KEY"), List.of("${data_dir}"), List.of("${data_dir}"), false,
            "integration"))
        .configSchema(Map.of("type", "object",
            "properties", Map.of("mode", Map.of("type", "string", "enum", List.of("fast", "safe")))))
        .manifest();

    TomlParseResult t = Toml.parse(toml);
    assertThat(t.errors()).isEmpty();
    assertThat(t.getString("plugin.id")).isEqualTo("acme_redactor");
    assertThat(t.getString("plugin.name")).isEqualTo("Acme \"Redactor\"");
    assertThat(t.getString("plugin.description")).isEqualTo("Redacts secrets\nfrom output");
    assertThat(t.getArray("plugin.authors").toList()).containsExactly("Acme <oss@acme.example>");
    assertThat(t.getString("plugin.engine.host")).isEqualTo(">=2.1.0 <3.0.0");
    assertThat(t.getString("plugin.engine.java")).isEqualTo(">=17");
    assertThat(t.getString("plugin.runtime.entry")).isEqualTo("com.acme.redactor.RedactorPlugin");
    assertThat(t.getArray("plugin.runtime.classpath").toList()).containsExactly("lib/*.jar", "classes");
    assertThat(t.getArray("plugin.runtime.exports").toList()).containsExactly("com.acme.redactor.api");
    assertThat(t.getString("plugin.dependencies.acme_secrets")).isEqualTo(">=1.0.0 <2.0.0");
    assertThat(t.getArray("plugin.contributes.tools").toList()).containsExactly("acme_redactor_scan");
    assertThat(t.getArray("plugin.hooks").size()).isEqualTo(2);
    assertThat(t.getArray("plugin.hooks").getTable(0).getLong("priority")).isEqualTo(100L);
    assertThat(t.getArray("plugin.hooks").getTable(0).getLong("timeout_ms")).isEqualTo(500L);
    assertThat(t.getArray("plugin.hooks").getTable(1).contains("priority")).isFalse();
    assertThat(t.getArray("plugin.hooks").getTable(1).getString("failure")).isEqualTo("closed");
    assertThat(t.getArray("plugin.permissions.network").toList())
        .containsExactly("api.acme.example", "*.acme.io");
    assertThat(t.getArray("plugin.permissions.filesystem.read").toList()).containsExactly("${data_dir}");
    assertThat(t.getString("plugin.permissions.profile")).isEqualTo("integration");
    assertThat(t.contains("plugin.permissions.spawn")).isFalse();
    assertThat(t.getString("plugin.config_schema.type")).isEqualTo("object");
    assertThat(t.getArray("plugin.config_schema.properties.mode.enum").toList())
        .containsExactly("fast", "safe");
  }

  @Test
  void render_runtimeDefaultsOnly_leavesRuntimeTableOut() {
    PluginManifest m = new PluginManifest("acme_x", "1.0.0", "X", "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, Map.of(),
        PluginManifest.Contributes.NONE, List.of(), PluginManifest.Permissions.NONE, Map.of());

    assertThat(ManifestToml.render(m)).doesNotContain("[plugin.runtime]").doesNotContain("[plugin.engine]");
  }

  @Test
  void appendManifest_extraKeys_addedAfterGeneratedText() {
    String toml = PluginBundle.builder("acme_x", "1.0.0").appendManifest("[plugin.extra]\nfoo = 1\n")
        .manifest();

    TomlParseResult t = Toml.parse(toml);
    assertThat(t.errors()).isEmpty();
    assertThat(t.getLong("plugin.extra.foo")).isEqualTo(1L);
  }

  @Test
  void render_controlCharacterAndQuotedKey_escaped() {
    String toml = PluginBundle.builder("acme_x", "1.0.0").description("bell\u0007tab\t")
        .dependency("weird.id", "^1").manifest();

    TomlParseResult t = Toml.parse(toml);
    assertThat(t.errors()).isEmpty();
    assertThat(t.getString("plugin.description")).isEqualTo("bell\u0007tab\t");
    assertThat(t.getTable("plugin.dependencies").getString(List.of("weird.id"))).isEqualTo("^1");
  }
}
