package dev.plinth.installer.store;

/**
 * Rewrites recorded source strings for {@code upgrade} (drop the version pin: ask for the newest)
 * and {@code installFromLock} (add one: ask for exactly the locked version).
 *
 * <table>
 *   <caption>Rules</caption>
 *   <tr><th>source</th><th>unpinned (upgrade)</th><th>pinned to V (lock)</th></tr>
 *   <tr><td>{@code github:o/r[@tag]}</td><td>{@code github:o/r} (latest release)</td><td>{@code github:o/r@vV}, or the recorded tag when it names V</td></tr>
 *   <tr><td>{@code catalog:id[@range]}</td><td>{@code catalog:id} (newest in the catalog)</td><td>{@code catalog:id@=V}</td></tr>
 *   <tr><td>{@code maven:g:a:v[:c]}, {@code https://…}, a path</td><td>unchanged (already exact, or a
 *   folder that may have changed in place)</td><td>unchanged (digests are checked after staging)</td></tr>
 * </table>
 */
final class SourceSpecs {
  private SourceSpecs() {}

  static String unpinned(String source) {
    if (source.startsWith("github:") || source.startsWith("catalog:")) {
      int at = source.indexOf('@');
      return at < 0 ? source : source.substring(0, at);
    }
    return source;
  }

  static String pinned(String source, String version) {
    if (source.startsWith("github:")) {
      int at = source.indexOf('@');
      if (at >= 0) {
        String tag = source.substring(at + 1);
        if (tag.equals(version) || tag.equals("v" + version)) {
          return source;
        }
      }
      return unpinned(source) + "@v" + version;
    }
    if (source.startsWith("catalog:")) {
      return unpinned(source) + "@=" + version;
    }
    return source;
  }
}
