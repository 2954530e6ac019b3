package dev.plinth.installer.extract;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds the typed errors of this package. */
final class ExtractErrors {
  private ExtractErrors() {}

  static InstallException unsafe(String rawName, UnsafeReason reason, @Nullable String extra) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("entry", printable(rawName));
    details.put("reason", reason.key());
    if (extra != null) {
      details.put("detail", printable(extra));
    }
    return new InstallException(
        InstallErrorCode.ARCHIVE_ENTRY_UNSAFE,
        Phase.EXTRACT,
        "archive entry " + reason.rule() + ": " + printable(rawName)
            + (extra == null ? "" : " (" + printable(extra) + ")"),
        "Do not install this bundle; ask its publisher to rebuild the archive from a plain folder"
            + " (no links, devices or '..' paths).",
        details,
        null);
  }

  static InstallException limit(String field, long limit, long actual, String entry) {
    return new InstallException(
        InstallErrorCode.ARCHIVE_LIMIT_EXCEEDED,
        Phase.EXTRACT,
        "archive " + field + " must be <= " + limit + ": " + actual + " (at entry " + printable(entry) + ")",
        "If the bundle is genuine, raise ExtractionLimits." + field + "; otherwise do not install it"
            + " (it may be a decompression bomb).",
        Map.of("field", field, "limit", limit, "actual", actual, "entry", printable(entry)),
        null);
  }

  static InstallException invalid(String archive, String problem, @Nullable Throwable cause) {
    return new InstallException(
        InstallErrorCode.ARCHIVE_INVALID,
        Phase.EXTRACT,
        "archive must be readable as its declared format: " + archive + " (" + problem + ")",
        "Check that the file is a complete .tar.gz, .tar, .zip or .jar; download it again.",
        Map.of("archive", archive, "problem", problem),
        cause);
  }

  /** The name with control characters escaped, so logs and messages cannot be spoofed. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
