package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The versioned JSON form of a {@link ManifestReport}, for the command line's {@code --json}, CI
 * gates and host UIs. Shape (schema version {@value #SCHEMA_VERSION}, documented in
 * {@code docs/manifest.md}):
 *
 * <pre>{@code
 * {"schema_version":1,"ok":false,"plugin":{"id":"acme","version":"1.0.0"},
 *  "issues":[{"code":"MANIFEST_ID_INVALID","severity":"error","field":"plugin.id","value":"Acme",
 *             "message":"...","nextStep":"..."}]}
 * }</pre>
 *
 * {@code plugin} is null when the manifest could not be read into a model; {@code value} is null
 * when the field is missing. New keys may be added within a schema version; none is removed or
 * changes meaning. Thread-safe.
 */
@API(status = STABLE, since = "0.1")
public final class ManifestReports {
  /** The version of the JSON shape; bumped only on an incompatible change. */
  public static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ManifestReports() {}

  /** The report as compact JSON. */
  public static String toJson(ManifestReport report) {
    try {
      return MAPPER.writeValueAsString(toTree(report));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The report as a Jackson tree, for callers that embed it in a larger document. */
  public static ObjectNode toTree(ManifestReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("ok", report.ok());
    if (report.manifestOrNull() == null) {
      root.putNull("plugin");
    } else {
      root.putObject("plugin")
          .put("id", report.manifestOrNull().id())
          .put("version", report.manifestOrNull().version());
    }
    ArrayNode issues = root.putArray("issues");
    for (ManifestIssue i : report.issues()) {
      issues.addObject()
          .put("code", i.code())
          .put("severity", i.severity().name().toLowerCase(Locale.ROOT))
          .put("field", i.field())
          .put("value", i.value())
          .put("message", i.message())
          .put("nextStep", i.nextStep());
    }
    return root;
  }

  /**
   * The issues of a JSON report written by {@link #toJson} (the model itself is not in the JSON).
   *
   * @throws IllegalArgumentException when the text is not a report of a known schema version
   */
  public static List<ManifestIssue> issuesFromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("report is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.path("schema_version").asInt(-1) != SCHEMA_VERSION) {
      throw new IllegalArgumentException("report schema_version must be " + SCHEMA_VERSION + ": "
          + (root == null ? "(empty)" : root.path("schema_version")));
    }
    List<ManifestIssue> out = new ArrayList<>();
    for (JsonNode i : root.path("issues")) {
      JsonNode value = i.path("value");
      out.add(new ManifestIssue(i.path("code").asText(),
          Severity.valueOf(i.path("severity").asText().toUpperCase(Locale.ROOT)),
          i.path("field").asText(), value.isNull() || value.isMissingNode() ? null : value.asText(),
          i.path("message").asText(), i.path("nextStep").asText()));
    }
    return out;
  }

  /** A human-readable rendering: one block per issue, errors first, then a summary line. */
  public static String toText(ManifestReport report) {
    StringBuilder b = new StringBuilder();
    List<ManifestIssue> ordered = new ArrayList<>(report.errors());
    ordered.addAll(report.warnings());
    for (ManifestIssue i : ordered) {
      b.append(i.isError() ? "error   " : "warning ").append(i.code()).append("  ")
          .append(i.message()).append('\n')
          .append("        next: ").append(i.nextStep()).append('\n');
    }
    String subject = report.manifest().map(m -> m.id() + " " + m.version()).orElse("plugin.toml");
    b.append(subject).append(": ").append(report.ok() ? "ok" : "not ok").append(" (")
        .append(report.errors().size()).append(" errors, ")
        .append(report.warnings().size()).append(" warnings)\n");
    return b.toString();
  }
}
