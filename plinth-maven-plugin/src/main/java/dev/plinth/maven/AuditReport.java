package dev.plinth.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plinth.manifest.CapabilityReport;
import dev.plinth.manifest.ManifestIssue;
import dev.plinth.manifest.PluginManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;

/**
 * {@code target/plinth-audit.json}: the same fields as {@code plinth audit --json} puts in its
 * result ({@code bundle}, {@code plugin}, {@code version}, {@code profile}, {@code capabilities},
 * {@code report} with every call site, {@code issues}), plus {@code ok}.
 */
final class AuditReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditReport() {}

  static void write(Path file, Path bundle, PluginManifest plugin, CapabilityReport report, List<ManifestIssue> issues)
      throws MojoFailureException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ok", issues.stream().noneMatch(ManifestIssue::isError));
    json.put("bundle", bundle.toString());
    json.put("plugin", plugin.id());
    json.put("version", plugin.version());
    json.put("profile", AuditMojo.profileName(plugin));
    json.put("capabilities", AuditMojo.sortedIds(report));
    json.put("report", report);
    json.put("issues", issues);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, JSON.writeValueAsString(json) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit report does not serialise", e);
    } catch (IOException e) {
      throw GoalFailure.of(MavenErrorCode.BUNDLE_IO, "audit report cannot be written: " + file,
          "Check that the build folder is writable.");
    }
  }
}
