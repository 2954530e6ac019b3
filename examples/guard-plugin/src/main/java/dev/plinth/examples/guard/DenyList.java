package dev.plinth.examples.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides whether a tool call is dangerous: a tool named in {@code deny_tools}, or any text in its
 * input matching one of the {@code deny_patterns}. Immutable and thread-safe.
 */
final class DenyList {
  /** Used when the plugin has no {@code deny_patterns} setting. */
  static final List<String> DEFAULT_PATTERNS = List.of(
      "\\brm\\s+-[a-zA-Z]*(?:[rR][a-zA-Z]*f|f[a-zA-Z]*[rR])\\b",   // rm -rf, rm -fr, rm -Rf ...
      "\\bmkfs(?:\\.\\w+)?\\b",
      "\\bdd\\s+if=",
      "(?:curl|wget)[^|;]*\\|\\s*(?:ba|z)?sh\\b",
      ":\\(\\)\\s*\\{\\s*:\\|:&\\s*\\};:");

  private final Set<String> tools;
  private final List<Pattern> patterns;

  private DenyList(Set<String> tools, List<Pattern> patterns) {
    this.tools = Set.copyOf(tools);
    this.patterns = List.copyOf(patterns);
  }

  /**
   * @throws IllegalArgumentException naming the pattern when one is not a valid regular expression
   */
  static DenyList of(List<String> denyTools, List<String> denyPatterns) {
    List<Pattern> compiled = new ArrayList<>();
    for (String p : denyPatterns.isEmpty() ? DEFAULT_PATTERNS : denyPatterns) {
      try {
        compiled.add(Pattern.compile(p));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("deny_patterns entry must be a valid regular expression: " + p, e);
      }
    }
    return new DenyList(Set.copyOf(denyTools), compiled);
  }

  /** Why the call must not run, or empty when it may. */
  Optional<String> check(String toolName, Map<String, Object> input) {
    if (tools.contains(toolName)) {
      return Optional.of("tool '" + toolName + "' is on the deny list");
    }
    for (Object value : input.values()) {
      String text = String.valueOf(value);
      for (Pattern p : patterns) {
        if (p.matcher(text).find()) {
          return Optional.of("'" + toolName + "' input matches deny pattern /" + p.pattern() + "/");
        }
      }
    }
    return Optional.empty();
  }
}
