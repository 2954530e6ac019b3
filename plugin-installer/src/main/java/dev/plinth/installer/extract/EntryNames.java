package dev.plinth.installer.extract;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Checks raw entry names before anything touches the file system. Names are treated as strings:
 * an absolute name stays absolute, and nothing is silently stripped except one leading
 * {@code ./}, which {@code tar -C dir .} writes into every name.
 */
final class EntryNames {
  static final int MAX_COMPONENT_BYTES = 255;

  private EntryNames() {}

  /**
   * The checked relative path, with {@code /} separators and no trailing slash; the empty string
   * for the archive root itself ({@code ./}).
   */
  static String check(String raw, int maxNameLength) {
    if (raw.getBytes(StandardCharsets.UTF_8).length > maxNameLength) {
      throw ExtractErrors.unsafe(truncate(raw), UnsafeReason.NAME_TOO_LONG,
          "limit " + maxNameLength + " bytes");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw ExtractErrors.unsafe(raw, UnsafeReason.CONTROL_CHARACTER, null);
      }
    }
    if (raw.indexOf('\\') >= 0) {
      throw ExtractErrors.unsafe(raw, UnsafeReason.BACKSLASH, null);
    }
    if (raw.startsWith("/")) {
      throw ExtractErrors.unsafe(raw, UnsafeReason.ABSOLUTE_PATH, null);
    }
    if (raw.indexOf(':') >= 0) {
      throw ExtractErrors.unsafe(raw, UnsafeReason.COLON, null);
    }
    String name = raw;
    if (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return "";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw ExtractErrors.unsafe(raw, UnsafeReason.PATH_TRAVERSAL, null);
      }
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        throw ExtractErrors.unsafe(raw, UnsafeReason.EMPTY_SEGMENT, null);
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_COMPONENT_BYTES) {
        throw ExtractErrors.unsafe(truncate(raw), UnsafeReason.NAME_TOO_LONG,
            "a path component exceeds " + MAX_COMPONENT_BYTES + " bytes");
      }
    }
    return name;
  }

  /** The key two names collide under on case-insensitive or normalising file systems. */
  static String collisionKey(String path) {
    return Normalizer.normalize(path, Normalizer.Form.NFKC)
        .toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }

  private static String truncate(String raw) {
    return raw.length() <= 120 ? raw : raw.substring(0, 120) + "...";
  }
}
