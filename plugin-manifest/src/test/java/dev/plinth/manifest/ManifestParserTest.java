package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {
  @TempDir Path temp;

  static PluginManifest designExample() {
    return ManifestParser.parse(ManifestCasesTest.resource("manifests/valid/design_example_no_host.toml")).orThrow();
  }

  @Test
  void parse_designExample_fillsEveryTable() {
    PluginManifest m = designExample();

    assertThat(m.id()).isEqualTo("acme_redactor");
    assertThat(m.version()).isEqualTo("1.4.2");
    assertThat(m.name()).isEqualTo("Acme Redactor");
    assertThat(m.description()).isEqualTo("Redacts secrets from tool output");
    assertThat(m.authors()).containsExactly("Acme <oss@acme.example>");
    assertThat(m.license()).isEqualTo("Apache-2.0");
    assertThat(m.engine()).isEqualTo(new PluginManifest.Engine(">=2.1.0 <3.0.0", "^1.0", ">=17"));
    assertThat(m.runtime()).isEqualTo(new PluginManifest.Runtime("com.acme.redactor.RedactorPlugin",
        List.of("lib/*.jar", "classes"), List.of("com.acme.redactor.api")));
    assertThat(m.dependencies()).containsExactly(Map.entry("acme_secrets", ">=1.0.0 <2.0.0"));
    assertThat(m.contributes()).isEqualTo(new PluginManifest.Contributes(List.of("tool.post_exec"),
        List.of("com.example.host.spi.ToolProvider"), List.of("acme_redactor_scan")));
    assertThat(m.hooks()).containsExactly(new PluginManifest.HookPolicy("tool.post_exec", 100, 500L, "open"));
    assertThat(m.hookPolicy("tool.post_exec")).map(PluginManifest.HookPolicy::priority).contains(100);
    assertThat(m.permissions()).isEqualTo(new PluginManifest.Permissions(List.of("api.acme.example", "*.acme.io"),
        List.of("ACME_API_KEY"), List.of("${data_dir}"), List.of("${data_dir}"), false, "integration"));
    assertThat(m.configSchema()).containsExactly(Map.entry("type", "object"));
    assertThat(m.descriptor().tools()).containsExactly("acme_redactor_scan");
  }

  @Test
  void parse_activation_readsEagerAndLazyAndLeavesAbsentToTheHost() {
    String base = "[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n\n[plugin.runtime]\n";

    assertThat(ManifestParser.parse(base + "activation = \"lazy\"\n").orThrow().runtime().activation())
        .isEqualTo(PluginManifest.Activation.LAZY);
    assertThat(ManifestParser.parse(base + "activation = \"eager\"\n").orThrow().runtime().activation())
        .isEqualTo(PluginManifest.Activation.EAGER);
    assertThat(ManifestParser.parse(base + "entry = \"a.B\"\n").orThrow().runtime().activation()).isNull();
    ManifestReport bad = ManifestParser.parse(base + "activation = \"eagre\"\n");
    assertThat(bad.errors()).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("ACTIVATION_INVALID");
      assertThat(i.field()).isEqualTo("plugin.runtime.activation");
      assertThat(i.nextStep()).startsWith("Did you mean `eager`?");
    });
  }

  @Test
  void parse_minimal_usesDefaults() {
    PluginManifest m = ManifestParser.parse("[plugin]\nid = \"acme_x\"\nversion = \"1.0.0\"\n").orThrow();

    assertThat(m.name()).isEqualTo("acme_x");
    assertThat(m.description()).isEmpty();
    assertThat(m.license()).isNull();
    assertThat(m.engine()).isEqualTo(PluginManifest.Engine.NONE);
    assertThat(m.runtime()).isEqualTo(PluginManifest.Runtime.DEFAULT);
    assertThat(m.permissions().isEmpty()).isTrue();
    assertThat(m.hooks()).isEmpty();
  }

  @Test
  void parse_nonStructuralErrors_stillBuildsModel() {
    ManifestReport report = ManifestParser.parse(
        "[plugin]\nid = \"Acme\"\nversion = \"1.0\"\n[plugin.runtime]\nclasspath = [\"../x\"]\n");

    assertThat(report.ok()).isFalse();
    assertThat(report.manifest()).map(PluginManifest::id).contains("Acme");
    assertThat(report.manifestOrNull().runtime().classpath()).containsExactly("../x");
    assertThat(report.errors()).extracting(ManifestIssue::code)
        .containsExactly("MANIFEST_ID_INVALID", "MANIFEST_VERSION_INVALID", "PATH_TRAVERSAL");
  }

  @Test
  void parse_configSchema_isPlainNestedMaps() {
    PluginManifest m = ManifestParser.parse(ManifestCasesTest.resource("manifests/valid/config_schema_full.toml")).orThrow();

    assertThat(m.configSchema()).containsEntry("required", List.of("endpoint"))
        .containsEntry("additionalProperties", false);
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) m.configSchema().get("properties");
    assertThat(props).containsEntry("retries", Map.of("type", "integer", "minimum", 0L, "default", 3L))
        .containsEntry("labels", Map.of("type", "array", "items", Map.of("type", "string")));
  }

  @Test
  void parse_folder_readsItsPluginToml() throws IOException {
    Files.writeString(temp.resolve("plugin.toml"), "[plugin]\nid = \"acme_dir\"\nversion = \"2.0.0\"\n");

    assertThat(ManifestParser.parse(temp).orThrow().id()).isEqualTo("acme_dir");
  }

  @Test
  void parse_missingFile_isUnreadableIssue() {
    Path missing = temp.resolve("nope.toml");

    ManifestReport report = ManifestParser.parse(missing);

    assertThat(report.manifest()).isEmpty();
    assertThat(report.issues()).singleElement().satisfies(i -> {
      assertThat(i.code()).isEqualTo("MANIFEST_UNREADABLE");
      assertThat(i.value()).isEqualTo(missing.toString());
      assertThat(i.message()).isEqualTo("plugin.toml cannot be read (NoSuchFileException): " + missing);
    });
  }

  @Test
  void parse_oversizedFile_isRefusedUnread() throws IOException {
    Path big = temp.resolve("plugin.toml");
    Files.writeString(big, "# " + "x".repeat((int) ManifestParser.MAX_BYTES) + "\n");

    assertThat(ManifestParser.parse(big).issues()).extracting(ManifestIssue::code, ManifestIssue::message)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("MANIFEST_UNREADABLE",
            "plugin.toml is larger than 1048576 bytes: " + big));
  }

  @Test
  void parse_nonAsciiAndInvalidUtf8_decodedStrictly() throws IOException {
    Path ok = temp.resolve("ok.toml");
    Files.writeString(ok, "[plugin]\nid = \"acme_utf\"\nversion = \"1.0.0\"\nname = \"Caf\u00e9 \u2603\"\n");
    Path bad = temp.resolve("bad.toml");
    Files.write(bad, new byte[] {'#', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

    assertThat(ManifestParser.parse(ok).orThrow().name()).isEqualTo("Caf\u00e9 \u2603");
    assertThat(ManifestParser.parse(bad).issues()).extracting(ManifestIssue::message)
        .containsExactly("plugin.toml is not valid UTF-8: " + bad);
  }

  @Test
  void parseAll_manyFiles_reportsInInputOrderEachAsParseWould() throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Path f = temp.resolve("m" + i + ".toml");
      if (i % 10 == 7) {
        Files.writeString(f, "[plugin]\nid = \"acme_p" + i + "\"\nversion = 1.0.0\n");
      } else if (i % 10 == 9) {
        f = temp.resolve("missing" + i + ".toml");
      } else {
        Files.writeString(f, "[plugin]\nid = \"acme_p" + i + "\"\nversion = \"1." + i + ".0\"\n");
      }
      files.add(f);
    }

    List<ManifestReport> reports = ManifestParser.parseAll(files);

    assertThat(reports).hasSize(100);
    for (int i = 0; i < 100; i++) {
      ManifestReport expected = ManifestParser.parse(files.get(i));
      assertThat(reports.get(i)).as("report %d", i).isEqualTo(expected);
      if (i % 10 != 7 && i % 10 != 9) {
        assertThat(reports.get(i).orThrow().id()).isEqualTo("acme_p" + i);
      } else {
        assertThat(reports.get(i).issues()).extracting(ManifestIssue::code)
            .containsAnyOf("TOML_SYNTAX", "MANIFEST_UNREADABLE");
      }
    }
  }

  @Test
  void parse_syntaxError_namesLineAndColumn() {
    ManifestReport report = ManifestParser.parse("[plugin]\nid = \"acme_x\"\nversion = 1.0.0\n");

    assertThat(report.issues()).isNotEmpty().allSatisfy(i -> assertThat(i.code()).isEqualTo("TOML_SYNTAX"));
    assertThat(report.issues().get(0).message()).startsWith("plugin.toml has a TOML syntax error at line 3, column ")
        .endsWith(": version = 1.0.0");
  }

  @Test
  void orThrow_invalid_throwsWithFirstErrorAndAllIssues() {
    ManifestReport report = ManifestParser.parse("[plugin]\nid = \"A\"\nversion = \"x\"\nnam = \"y\"\n");

    assertThatThrownBy(report::orThrow)
        .isInstanceOfSatisfying(ManifestException.class, e -> {
          assertThat(e.code()).isEqualTo(ManifestCode.MANIFEST_ID_INVALID);
          assertThat(e.getMessage()).isEqualTo("plugin.id must match ^[a-z][a-z0-9_]{1,47}$: A (and 2 more issues)");
          assertThat(e.nextStep()).contains("lower-case");
          assertThat(e.issues()).extracting(ManifestIssue::code)
              .containsExactly("MANIFEST_KEY_UNKNOWN", "MANIFEST_ID_INVALID", "MANIFEST_VERSION_INVALID");
          assertThat(e.details()).containsEntry("field", "plugin.id").containsEntry("issues", 3);
        });
  }

  @Test
  void suggestId_fromInvalid_isValid() {
    assertThat(ManifestValidator.suggestId("Acme-Redactor")).isEqualTo("acme_redactor");
    assertThat(ManifestValidator.suggestId("9")).isEqualTo("my_plugin");
    assertThat(Names.ID.matcher(ManifestValidator.suggestId("1-Über Plugin!")).matches()).isTrue();
  }
}
