package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * Writes a {@link PluginManifest} as {@code plugin.toml} text that {@link ManifestParser} reads back
 * to an equal model. Used to re-validate a model built in code and by tools that generate bundles.
 * Thread-safe; stateless.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ManifestWriter {
  private ManifestWriter() {}

  /** The manifest as TOML text; absent optional values are left out. */
  public static String toToml(PluginManifest m) {
    StringBuilder b = new StringBuilder("[plugin]\n");
    line(b, "id", TomlText.string(m.id()));
    line(b, "version", TomlText.string(m.version()));
    line(b, "name", TomlText.string(m.name()));
    if (!m.description().isEmpty()) {
      line(b, "description", TomlText.string(m.description()));
    }
    line(b, "authors", TomlText.strings(m.authors()));
    if (m.license() != null) {
      line(b, "license", TomlText.string(m.license()));
    }
    PluginManifest.Engine e = m.engine();
    b.append("\n[plugin.engine]\n");
    optional(b, "host", e.host());
    optional(b, "api", e.api());
    optional(b, "java", e.java());
    PluginManifest.Runtime r = m.runtime();
    b.append("\n[plugin.runtime]\n");
    optional(b, "entry", r.entry());
    line(b, "classpath", TomlText.strings(r.classpath()));
    line(b, "exports", TomlText.strings(r.exports()));
    if (r.activation() != null) {
      line(b, "activation", TomlText.string(r.activation().text()));
    }
    b.append("\n[plugin.dependencies]\n");
    m.dependencies().forEach((id, range) -> line(b, TomlText.key(id), TomlText.string(range)));
    PluginManifest.Contributes c = m.contributes();
    b.append("\n[plugin.contributes]\n");
    line(b, "hooks", TomlText.strings(c.hooks()));
    line(b, "extensions", TomlText.strings(c.extensions()));
    line(b, "tools", TomlText.strings(c.tools()));
    line(b, "deferred_tools", TomlText.strings(c.deferredTools()));
    for (PluginManifest.HookPolicy h : m.hooks()) {
      b.append("\n[[plugin.hooks]]\n");
      line(b, "point", TomlText.string(h.point()));
      if (h.priority() != null) {
        line(b, "priority", h.priority().toString());
      }
      if (h.timeoutMs() != null) {
        line(b, "timeout_ms", h.timeoutMs().toString());
      }
      optional(b, "failure", h.failure());
    }
    PluginManifest.Permissions p = m.permissions();
    b.append("\n[plugin.permissions]\n");
    line(b, "network", TomlText.strings(p.network()));
    line(b, "secrets", TomlText.strings(p.secrets()));
    line(b, "filesystem", "{ read = " + TomlText.strings(p.filesystemRead())
        + ", write = " + TomlText.strings(p.filesystemWrite()) + " }");
    line(b, "spawn", Boolean.toString(p.spawn()));
    optional(b, "profile", p.profile());
    if (!p.capabilities().isEmpty()) {
      line(b, "capabilities", TomlText.strings(p.capabilities().stream().map(Capability::id).toList()));
    }
    for (PluginManifest.Tool t : m.tools()) {
      b.append("\n[[plugin.tools]]\n");
      line(b, "name", TomlText.string(t.name()));
      optional(b, "description", t.description());
      line(b, "input_schema", TomlText.value(t.inputSchema()));
    }
    PluginManifest.CrashLimits limits = m.crashLimits();
    if (!limits.equals(PluginManifest.CrashLimits.NONE)) {
      b.append("\n[plugin.crash_guard]\n");
      if (limits.maxFailures() != null) {
        line(b, "max_failures", limits.maxFailures().toString());
      }
      if (limits.windowMs() != null) {
        line(b, "window_ms", limits.windowMs().toString());
      }
    }
    if (!m.configSchema().isEmpty()) {
      b.append("\n[plugin.config_schema]\n");
      for (Map.Entry<String, Object> entry : m.configSchema().entrySet()) {
        line(b, TomlText.key(entry.getKey()), TomlText.value(entry.getValue()));
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(" = ").append(value).append('\n');
  }

  private static void optional(StringBuilder b, String key, @org.jspecify.annotations.Nullable String value) {
    if (value != null) {
      line(b, key, TomlText.string(value));
    }
  }
}
