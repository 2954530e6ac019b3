package dev.plinth.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes TOML values by hand: basic strings with escapes, arrays, inline tables, keys. Stateless. */
final class TomlText {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlText() {}

  /** A TOML basic string, with quotes, backslashes and control characters escaped. */
  static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static String key(String k) {
    return bare(k) ? k : string(k);
  }

  /** {@link #BARE_KEY}, as a loop (a host profile writes one key per installed plugin at every boot). */
  static boolean bare(String k) {
    if (k.isEmpty()) {
      return false;
    }
    for (int i = 0; i < k.length(); i++) {
      char c = k.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  static String strings(Collection<String> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(string(v)));
    return "[" + String.join(", ", parts) + "]";
  }

  /** Any plain value: string, number, boolean, list or map (as an inline table). */
  static String value(Object v) {
    if (v instanceof String s) {
      return string(s);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Collection<?> c) {
      List<String> parts = new ArrayList<>();
      c.forEach(e -> parts.add(value(e)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      m.forEach((k, e) -> parts.add(key(String.valueOf(k)) + " = " + value(e)));
      return "{ " + String.join(", ", parts) + " }";
    }
    return string(String.valueOf(v));
  }
}
