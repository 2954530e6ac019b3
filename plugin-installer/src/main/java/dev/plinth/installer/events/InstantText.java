package dev.plinth.installer.events;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@link Instant#toString()} for event lines, which are written by the hundred within the same
 * second (a boot writes three per plugin): the text up to the second comes from the JDK's own
 * formatter once per second and is kept; only the fraction is written per call, as the JDK writes
 * it (none, or 3, 6 or 9 digits). Thread-safe: the kept second is an immutable pair.
 */
final class InstantText {
  private record Second(long epochSecond, String text) {}

  private static volatile @Nullable Second last;

  private InstantText() {}

  static String of(Instant t) {
    long sec = t.getEpochSecond();
    Second s = last;
    if (s == null || s.epochSecond() != sec) {
      String whole = Instant.ofEpochSecond(sec).toString();
      if (whole.length() != 20 || whole.charAt(19) != 'Z') {
        return t.toString(); // a year outside 0000-9999 has another layout: the JDK writes it
      }
      s = new Second(sec, whole.substring(0, 19));
      last = s;
    }
    int nano = t.getNano();
    StringBuilder b = new StringBuilder(30).append(s.text());
    if (nano != 0) {
      b.append('.');
      if (nano % 1_000_000 == 0) {
        digits(b, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(b, nano / 1_000, 6);
      } else {
        digits(b, nano, 9);
      }
    }
    return b.append('Z').toString();
  }

  private static void digits(StringBuilder b, int value, int width) {
    String v = Integer.toString(value);
    for (int i = v.length(); i < width; i++) {
      b.append('0');
    }
    b.append(v);
  }
}
