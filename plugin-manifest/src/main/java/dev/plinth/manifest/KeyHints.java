package dev.plinth.manifest;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" hints for unknown keys, by Levenshtein distance. Stateless and thread-safe. */
final class KeyHints {
  /** Largest edit distance still offered as a hint. */
  static final int MAX_DISTANCE = 2;

  private KeyHints() {}

  /**
   * The known key closest to {@code key} within {@link #MAX_DISTANCE} edits (case-insensitive,
   * {@code -} read as {@code _}), ties broken alphabetically; empty when none is close enough. A
   * key of three characters or fewer only matches at distance 1, so short keys do not suggest
   * unrelated ones.
   */
  static Optional<String> closest(String key, Collection<String> known) {
    String k = normalise(key);
    int limit = k.length() <= 3 ? 1 : MAX_DISTANCE;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known.stream().sorted().toList()) {
      int d = distance(k, normalise(candidate));
      if (d <= limit && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The Levenshtein distance between two strings (insert, delete, substitute cost 1). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
