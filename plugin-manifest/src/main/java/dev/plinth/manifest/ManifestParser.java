package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Reads {@code plugin.toml} into a {@link PluginManifest} and validates it, collecting every issue.
 * Thread-safe; stateless.
 */
@API(status = STABLE, since = "0.1")
public final class ManifestParser {
  private ManifestParser() {}

  /** Parses and validates a manifest file. A file that cannot be read is reported as an issue. */
  public static ManifestReport parse(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new ManifestReport(null, List.of(new ManifestIssue("MANIFEST_UNREADABLE", Severity.ERROR,
          "", file.toString(), "plugin.toml cannot be read: " + file + " (" + e.getMessage() + ")",
          "Check that the file exists and is readable.")));
    }
  }

  /** Parses and validates manifest text. */
  public static ManifestReport parse(String toml) {
    TomlParseResult result = Toml.parse(toml);
    List<ManifestIssue> issues = new ArrayList<>();
    result.errors().forEach(e -> issues.add(new ManifestIssue("TOML_SYNTAX", Severity.ERROR, "",
        null, "TOML syntax error at line " + e.position().line() + ", column "
            + e.position().column() + ": " + e.getMessage(), "Fix the TOML syntax.")));
    if (!issues.isEmpty()) {
      return new ManifestReport(null, issues);
    }
    String id = result.getString("plugin.id");
    String version = result.getString("plugin.version");
    if (id == null || version == null) {
      issues.add(new ManifestIssue("MANIFEST_FIELD_MISSING", Severity.ERROR,
          id == null ? "plugin.id" : "plugin.version", null, "required field missing",
          "Add the field to [plugin]."));
      return new ManifestReport(null, issues);
    }
    PluginManifest m = new PluginManifest(id, version, id, "", List.of(), null,
        PluginManifest.Engine.NONE, PluginManifest.Runtime.DEFAULT, Map.of(),
        PluginManifest.Contributes.NONE, List.of(), PluginManifest.Permissions.NONE, Map.of());
    return new ManifestReport(m, issues);
  }
}
