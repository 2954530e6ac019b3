package dev.plinth.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestReportsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void toJson_invalidManifest_hasDocumentedShape() throws Exception {
    ManifestReport report = ManifestParser.parse("[plugin]\nid = \"Acme\"\nversion = \"1.0.0\"\nnme = \"x\"\n");

    JsonNode root = JSON.readTree(ManifestReports.toJson(report));

    assertThat(root.fieldNames()).toIterable().containsExactly("schema_version", "ok", "plugin", "issues");
    assertThat(root.get("schema_version").asInt()).isEqualTo(1);
    assertThat(root.get("ok").asBoolean()).isFalse();
    assertThat(root.get("plugin").get("id").asText()).isEqualTo("Acme");
    assertThat(root.get("plugin").get("version").asText()).isEqualTo("1.0.0");
    assertThat(root.get("issues")).hasSize(2);
    JsonNode error = root.get("issues").get(1);
    assertThat(error.fieldNames()).toIterable()
        .containsExactly("code", "severity", "field", "value", "message", "nextStep");
    assertThat(error.get("code").asText()).isEqualTo("MANIFEST_ID_INVALID");
    assertThat(error.get("severity").asText()).isEqualTo("error");
    assertThat(error.get("field").asText()).isEqualTo("plugin.id");
    assertThat(error.get("value").asText()).isEqualTo("Acme");
    assertThat(error.get("message").asText()).isEqualTo("plugin.id must match ^[a-z][a-z0-9_]{1,47}$: Acme");
    assertThat(root.get("issues").get(0).get("severity").asText()).isEqualTo("warning");
  }

  @Test
  void toJson_noModelAndMissingValue_writesNulls() throws Exception {
    JsonNode root = JSON.readTree(ManifestReports.toJson(ManifestParser.parse("[plugin]\nversion = \"1.0.0\"\n")));

    assertThat(root.get("plugin").isNull()).isTrue();
    assertThat(root.get("ok").asBoolean()).isFalse();
    assertThat(root.get("issues").get(0).get("value").isNull()).isTrue();
    assertThat(root.get("issues").get(0).get("field").asText()).isEqualTo("plugin.id");
  }

  @Test
  void toJson_validManifest_isOkWithNoIssues() {
    PluginManifest m = ManifestParserTest.designExample();

    assertThat(ManifestReports.toJson(new ManifestReport(m, List.of()))).isEqualTo(
        "{\"schema_version\":1,\"ok\":true,\"plugin\":{\"id\":\"acme_redactor\",\"version\":\"1.4.2\"},\"issues\":[]}");
  }

  @Test
  void issuesFromJson_roundTrip_keepsEveryIssue() {
    ManifestReport report = ManifestParser.parse(
        ManifestCasesTest.resource("manifests/invalid/many_problems_everywhere.toml"));

    assertThat(ManifestReports.issuesFromJson(ManifestReports.toJson(report))).isEqualTo(report.issues());
  }

  @Test
  void issuesFromJson_otherSchemaVersion_isRejected() {
    assertThatThrownBy(() -> ManifestReports.issuesFromJson("{\"schema_version\":2,\"issues\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("report schema_version must be 1: 2");
    assertThatThrownBy(() -> ManifestReports.issuesFromJson("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("report is not JSON: ");
  }

  @Test
  void toText_listsErrorsBeforeWarningsAndSummarises() {
    String text = ManifestReports.toText(ManifestParser.parse("[plugin]\nid = \"Acme\"\nversion = \"1.0.0\"\nnme = \"x\"\n"));

    assertThat(text).isEqualTo("""
        error   MANIFEST_ID_INVALID  plugin.id must match ^[a-z][a-z0-9_]{1,47}$: Acme
                next: Use 2 to 48 lower-case letters, digits and underscores, starting with a letter, e.g. `acme`.
        warning MANIFEST_KEY_UNKNOWN  plugin.nme is not a known key: nme
                next: Did you mean `name`? Rename it, or remove the key.
        Acme 1.0.0: not ok (1 errors, 1 warnings)
        """);
  }
}
