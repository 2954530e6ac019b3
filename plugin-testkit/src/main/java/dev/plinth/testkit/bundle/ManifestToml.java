package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.plinth.manifest.PluginManifest;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link PluginManifest} as {@code plugin.toml} text, in the table order of DESIGN.md
 * section 2. Tables that hold nothing are left out, so the text is what an author would write.
 * Stateless and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ManifestToml {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private ManifestToml() {}

  /** The manifest as TOML text ending in a newline. */
  public static String render(PluginManifest m) {
    StringBuilder out = new StringBuilder("[plugin]\n");
    line(out, "id", m.id());
    line(out, "version", m.version());
    line(out, "name", m.name());
    if (!m.description().isEmpty()) {
      line(out, "description", m.description());
    }
    if (!m.authors().isEmpty()) {
      line(out, "authors", m.authors());
    }
    if (m.license() != null) {
      line(out, "license", m.license());
    }
    PluginManifest.Engine e = m.engine();
    if (!e.equals(PluginManifest.Engine.NONE)) {
      out.append("\n[plugin.engine]\n");
      optional(out, "host", e.host());
      optional(out, "api", e.api());
      optional(out, "java", e.java());
    }
    PluginManifest.Runtime r = m.runtime();
    if (!r.equals(PluginManifest.Runtime.DEFAULT)) {
      out.append("\n[plugin.runtime]\n");
      optional(out, "entry", r.entry());
      line(out, "classpath", r.classpath());
      if (!r.exports().isEmpty()) {
        line(out, "exports", r.exports());
      }
    }
    if (!m.dependencies().isEmpty()) {
      out.append("\n[plugin.dependencies]\n");
      m.dependencies().forEach((id, range) -> line(out, id, range));
    }
    PluginManifest.Contributes c = m.contributes();
    if (!c.equals(PluginManifest.Contributes.NONE)) {
      out.append("\n[plugin.contributes]\n");
      line(out, "hooks", c.hooks());
      line(out, "extensions", c.extensions());
      line(out, "tools", c.tools());
    }
    for (PluginManifest.HookPolicy h : m.hooks()) {
      out.append("\n[[plugin.hooks]]\n");
      line(out, "point", h.point());
      optional(out, "priority", h.priority());
      optional(out, "timeout_ms", h.timeoutMs());
      optional(out, "failure", h.failure());
    }
    renderPermissions(out, m.permissions());
    if (!m.configSchema().isEmpty()) {
      out.append("\n[plugin.config_schema]\n");
      m.configSchema().forEach((k, v) -> line(out, k, v));
    }
    return out.toString();
  }

  private static void renderPermissions(StringBuilder out, PluginManifest.Permissions p) {
    if (p.isEmpty()) {
      return;
    }
    out.append("\n[plugin.permissions]\n");
    if (!p.network().isEmpty()) {
      line(out, "network", p.network());
    }
    if (!p.secrets().isEmpty()) {
      line(out, "secrets", p.secrets());
    }
    if (!p.filesystemRead().isEmpty() || !p.filesystemWrite().isEmpty()) {
      line(out, "filesystem", Map.of("read", p.filesystemRead(), "write", p.filesystemWrite()));
    }
    if (p.spawn()) {
      line(out, "spawn", true);
    }
    optional(out, "profile", p.profile());
    if (!p.capabilities().isEmpty()) {
      line(out, "capabilities", p.capabilities().stream().map(dev.plinth.manifest.Capability::id).toList());
    }
  }

  private static void optional(StringBuilder out, String key, @Nullable Object value) {
    if (value != null) {
      line(out, key, value);
    }
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(key(key)).append(" = ");
    value(out, value);
    out.append('\n');
  }

  private static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : quote(key);
  }

  private static void value(StringBuilder out, Object v) {
    if (v instanceof String s) {
      out.append(quote(s));
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      out.append(v);
    } else if (v instanceof Number n) {
      out.append(n.doubleValue());
    } else if (v instanceof List<?> list) {
      out.append('[');
      for (Iterator<?> it = list.iterator(); it.hasNext(); ) {
        value(out, it.next());
        out.append(it.hasNext() ? ", " : "");
      }
      out.append(']');
    } else if (v instanceof Map<?, ?> map) {
      out.append('{');
      String sep = " ";
      for (Map.Entry<?, ?> en : new java.util.TreeMap<>(map).entrySet()) {
        out.append(sep).append(key(String.valueOf(en.getKey()))).append(" = ");
        value(out, en.getValue());
        sep = ", ";
      }
      out.append(map.isEmpty() ? "}" : " }");
    } else {
      throw new IllegalArgumentException("value has no TOML form: " + v);
    }
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\t' -> q.append("\\t");
        case '\r' -> q.append("\\r");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            q.append(String.format("\\u%04X", (int) ch));
          } else {
            q.append(ch);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
