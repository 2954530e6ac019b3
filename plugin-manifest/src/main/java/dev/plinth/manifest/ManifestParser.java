package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Reads {@code plugin.toml} into a {@link PluginManifest} and validates it, collecting every issue
 * rather than stopping at the first: syntax errors (with line and column), missing and mistyped
 * fields, invalid ids, versions, ranges, names and paths, duplicates, and unknown keys (warnings
 * with a "did you mean" hint). See {@code docs/manifest.md} for the format and
 * {@code docs/error-codes.md} for every code.
 *
 * <pre>{@code
 * ManifestReport report = ManifestParser.parse(bundle.resolve("plugin.toml"));
 * report.issues().forEach(i -> log.warn("{} {}", i.code(), i.message()));
 * PluginManifest manifest = report.orThrow();
 * }</pre>
 *
 * <p>Thread-safe; stateless.
 */
@API(status = STABLE, since = "0.1")
public final class ManifestParser {
  /** The name of the manifest file at a bundle's root. */
  public static final String FILE_NAME = "plugin.toml";

  /** Manifests larger than this are refused unread (a manifest is a few kilobytes). */
  public static final long MAX_BYTES = 1024 * 1024;

  private ManifestParser() {}

  /**
   * Parses and validates a manifest file, or the {@code plugin.toml} inside a folder. A file that
   * cannot be read is reported as a {@code MANIFEST_UNREADABLE} issue, never thrown.
   */
  public static ManifestReport parse(Path file) {
    Path target = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
    try {
      if (Files.size(target) > MAX_BYTES) {
        return unreadable(target, "is larger than " + MAX_BYTES + " bytes",
            "Keep plugin.toml small; move data into the bundle's own files.");
      }
      return parse(Files.readString(target, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      return unreadable(target, "is not valid UTF-8", "Save plugin.toml as UTF-8.");
    } catch (IOException e) {
      return unreadable(target, "cannot be read (" + e.getClass().getSimpleName() + ")",
          "Check that the file exists and is readable.");
    }
  }

  /** Parses and validates manifest text. */
  public static ManifestReport parse(String toml) {
    TomlParseResult result = Toml.parse(toml);
    if (result.hasErrors()) {
      List<ManifestIssue> issues = new ArrayList<>();
      String[] lines = toml.split("\r?\n", -1);
      for (TomlParseError e : result.errors()) {
        int line = e.position().line();
        String text = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
        issues.add(new ManifestIssue(ManifestCode.TOML_SYNTAX.code(), ManifestCode.TOML_SYNTAX.severity(), "",
            text, "plugin.toml has a TOML syntax error at line " + line + ", column "
                + e.position().column() + " (" + e.getMessage() + "): " + text,
            "Fix the TOML syntax at line " + line + " (quote strings, one key per line, no repeated keys)."));
      }
      return new ManifestReport(null, issues);
    }
    return ManifestValidator.validate(result);
  }

  private static ManifestReport unreadable(Path file, String rule, String nextStep) {
    return new ManifestReport(null, List.of(Issues.issue(ManifestCode.MANIFEST_UNREADABLE, "",
        file.toString(), "plugin.toml " + rule, nextStep)));
  }
}
