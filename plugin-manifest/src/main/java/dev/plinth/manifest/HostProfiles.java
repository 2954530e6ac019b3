package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.STABLE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Reads and writes a {@link HostProfile} as {@code <home>/host.toml}, so the command line checks
 * plugins against the same profile the running host declared:
 *
 * <pre>{@code
 * [host]
 * name = "Acme Host"
 * version = "2.3.0"
 * api_version = "1.0.0"
 * java_version = "17.0.15"
 * hook_points = ["tool.post_exec"]
 * extension_interfaces = ["com.example.host.spi.ToolProvider"]
 * sandbox_profiles = ["integration"]
 * exported_packages = ["com.example.host.spi"]
 * denied_hosts = ["169.254.169.254", "*.corp.internal"]
 * unrestricted_network = false
 *
 * [installed]
 * acme_secrets = "1.2.0"
 *
 * [sandbox.integration]          # a sandbox profile the host defines (see SandboxProfile)
 * allow = ["network", "threads"]
 * dynamic = "warn"               # allow | warn | refuse
 * }</pre>
 *
 * Thread-safe; {@link #write} replaces the file atomically where the file system allows.
 */
@API(status = STABLE, since = "0.1")
public final class HostProfiles {
  /** The file name under the plugin home. */
  public static final String FILE_NAME = "host.toml";

  private static final Set<String> HOST_KEYS = Set.of("name", "version", "api_version", "java_version",
      "hook_points", "extension_interfaces", "sandbox_profiles", "exported_packages", "denied_hosts",
      "unrestricted_network");

  private HostProfiles() {}

  /** The profile as TOML text; sets and maps are written sorted so the file is stable. */
  public static String toToml(HostProfile p) {
    StringBuilder b = new StringBuilder("# Written by Plinth: what this host offers to plugins.\n[host]\n");
    b.append("name = ").append(TomlText.string(p.hostName())).append('\n');
    if (p.hostVersion() != null) {
      b.append("version = ").append(TomlText.string(p.hostVersion())).append('\n');
    }
    b.append("api_version = ").append(TomlText.string(p.apiVersion())).append('\n');
    b.append("java_version = ").append(TomlText.string(p.javaVersion())).append('\n');
    b.append("hook_points = ").append(TomlText.strings(new TreeSet<>(p.hookPoints()))).append('\n');
    b.append("extension_interfaces = ").append(TomlText.strings(new TreeSet<>(p.extensionInterfaces()))).append('\n');
    b.append("sandbox_profiles = ").append(TomlText.strings(new TreeSet<>(p.sandboxProfiles()))).append('\n');
    b.append("exported_packages = ").append(TomlText.strings(p.exportedPackages())).append('\n');
    b.append("denied_hosts = ").append(TomlText.strings(p.deniedHosts())).append('\n');
    b.append("unrestricted_network = ").append(p.unrestrictedNetwork()).append('\n');
    b.append("\n[installed]\n");
    p.installedPlugins().forEach((id, version) -> // in id order (HostProfile keeps them sorted)
        b.append(TomlText.key(id)).append(" = ").append(TomlText.string(version)).append('\n'));
    new TreeMap<>(p.sandboxDefinitions()).forEach((name, profile) -> {
      b.append("\n[sandbox.").append(TomlText.key(name)).append("]\n");
      b.append("allow = ").append(TomlText.strings(profile.allowed().stream().sorted().map(Capability::id).toList()))
          .append('\n');
      b.append("dynamic = ").append(TomlText.string(profile.dynamic().id())).append('\n');
    });
    return b.toString();
  }

  /**
   * Writes the profile to a file (usually {@code <home>/host.toml}) through a temporary file and a
   * move, creating parent folders.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public static void write(HostProfile profile, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, FILE_NAME, ".tmp");
      try {
        Files.writeString(tmp, toToml(profile), StandardCharsets.UTF_8);
        try {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("host profile cannot be written: " + file, e);
    }
  }

  /**
   * Reads a profile file. A missing version stays null (preflight then reports
   * {@code HOST_VERSION_UNKNOWN}); a missing Java or API version means "this JVM" and
   * {@link dev.plinth.api.PlinthApi#VERSION}.
   *
   * @throws ManifestException with code {@code HOST_PROFILE_INVALID} listing every problem
   */
  public static HostProfile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalid(List.of(Issues.issue(ManifestCode.HOST_PROFILE_INVALID, "", file.toString(),
          "host.toml cannot be read (" + e.getClass().getSimpleName() + ")",
          "Start the host once so it writes host.toml, or pass the path of an existing one.")));
    }
    return parse(text);
  }

  /**
   * Reads profile text.
   *
   * @throws ManifestException with code {@code HOST_PROFILE_INVALID} listing every problem
   */
  public static HostProfile parse(String toml) {
    TomlParseResult result;
    try {
      result = Toml.parse(toml);
    } catch (org.tomlj.TomlParseError e) {
      // tomlj throws, rather than collects, some errors: a bad escape inside a quoted key
      throw invalid(List.of(Issues.issue(ManifestCode.HOST_PROFILE_INVALID, "", null,
          "host.toml has a TOML syntax error at line " + e.position().line() + ", column " + e.position().column()
              + ": " + e.getMessage(), "Fix the TOML syntax of host.toml.")));
    } catch (AssertionError e) {
      // tomlj asserts on some malformed escapes when the JVM runs with -ea (see ManifestParser).
      throw invalid(List.of(Issues.issue(ManifestCode.HOST_PROFILE_INVALID, "", null,
          "host.toml has a TOML syntax error: a malformed escape sequence", "Fix the TOML syntax of host.toml.")));
    }
    Issues issues = new Issues();
    result.errors().forEach(e -> issues.add(ManifestCode.HOST_PROFILE_INVALID, "", null,
        "host.toml has a TOML syntax error at line " + e.position().line() + ", column "
            + e.position().column() + " (" + e.getMessage() + ")", "Fix the TOML syntax of host.toml."));
    if (!issues.all().isEmpty()) {
      throw invalid(issues.all());
    }
    FieldReader root = new FieldReader(result, "", issues);
    root.unknownKeys(Set.of("host", "installed", "sandbox"));
    FieldReader host = root.table("host");
    if (host == null) {
      issues.add(ManifestCode.HOST_PROFILE_INVALID, "host", null, "table is required",
          "Write a [host] table with at least name and version.");
      throw invalid(issues.all());
    }
    host.unknownKeys(HOST_KEYS);
    String name = host.requiredString("name", "Add name = \"<host application>\" to [host].");
    String version = host.string("version");
    String api = host.string("api_version");
    String java = host.string("java_version");
    Set<String> points = new LinkedHashSet<>(host.strings("hook_points"));
    Set<String> extensions = new LinkedHashSet<>(host.strings("extension_interfaces"));
    Set<String> profiles = new LinkedHashSet<>(host.strings("sandbox_profiles"));
    List<String> exported = host.strings("exported_packages");
    List<String> denied = host.has("denied_hosts") ? host.strings("denied_hosts") : HostProfile.DEFAULT_DENIED_HOSTS;
    Boolean unrestricted = host.bool("unrestricted_network");
    Map<String, String> installed = new LinkedHashMap<>();
    FieldReader inst = root.table("installed");
    if (inst != null) {
      for (String id : inst.keys()) {
        String v = inst.string(id);
        if (v != null) {
          installed.put(id, v);
        }
      }
    }
    Map<String, SandboxProfile> sandbox = sandboxDefinitions(root.table("sandbox"), issues);
    List<ManifestIssue> problems = issues.all().stream().filter(ManifestIssue::isError)
        .map(i -> new ManifestIssue(ManifestCode.HOST_PROFILE_INVALID.code(), Severity.ERROR, i.field(),
            i.value(), i.message(), i.nextStep()))
        .toList();
    if (!problems.isEmpty() || name == null) {
      throw invalid(problems);
    }
    HostProfile base = HostProfile.of(name, version);
    return new HostProfile(name, version, api == null ? base.apiVersion() : api,
        java == null ? base.javaVersion() : java, points, extensions, profiles, exported, installed, denied,
        Boolean.TRUE.equals(unrestricted), sandbox);
  }

  private static Map<String, SandboxProfile> sandboxDefinitions(@org.jspecify.annotations.Nullable FieldReader table,
      Issues issues) {
    Map<String, SandboxProfile> out = new LinkedHashMap<>();
    if (table == null) {
      return out;
    }
    for (String name : table.keys()) {
      FieldReader def = table.table(name);
      if (def == null) {
        continue;
      }
      def.unknownKeys(Set.of("allow", "dynamic"));
      Set<Capability> allowed = java.util.EnumSet.noneOf(Capability.class);
      for (FieldReader.Item item : def.items("allow")) {
        Capability.fromId(item.value()).ifPresentOrElse(allowed::add, () -> issues.add(
            ManifestCode.HOST_PROFILE_INVALID, item.field(), item.value(), "is not a capability",
            "Use capability names from docs/manifest.md, e.g. network, threads, filesystem."));
      }
      String dynamic = def.string("dynamic");
      SandboxProfile.Dynamic mode = SandboxProfile.Dynamic.WARN;
      if (dynamic != null) {
        try {
          mode = SandboxProfile.Dynamic.valueOf(dynamic.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          issues.add(ManifestCode.HOST_PROFILE_INVALID, def.field("dynamic"), dynamic,
              "must be allow, warn or refuse", "Write dynamic = \"warn\" (or allow, refuse).");
        }
      }
      out.put(name, new SandboxProfile(name, allowed, mode));
    }
    return out;
  }

  private static ManifestException invalid(List<ManifestIssue> issues) {
    return ManifestException.of(new ManifestReport(null, issues));
  }
}
