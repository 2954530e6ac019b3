package dev.plinth.api.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid input into a nearby hostile one for the fuzz properties: flipped bits, cut-off
 * ends, deleted, duplicated and inserted ranges, and tokens of the input's own grammar spliced in
 * (TOML and JSON brackets, quotes, huge numbers, escapes, odd Unicode). Deterministic for a seed,
 * so a failing property's seed (which jqwik prints) reproduces the input exactly.
 */
public final class Mutator {
  /** Tokens that reach the corners of TOML and JSON parsers and of the checks behind them. */
  public static final List<String> TOKENS = List.of(
      "[", "]", "[[", "]]", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ",", ".", "\n", "\r\n", "\t", "#", "\\",
      "\\u0000", "\\uD800", "\u0000", "\uFFFF", "\uD83D\uDE00", "é", "0x", "1e999999", "-0", "nan", "inf",
      "99999999999999999999999999", "-9223372036854775809", "true", "null", "1979-05-27T07:32:00Z",
      "[plugin]", "[[plugin.hooks]]", "[plugin.permissions]", "id = ", "version = ", "..", "../../", "/etc/passwd",
      "C:\\", "*", "**", "${data_dir}", "\"a\".\"b\"", "a.b.c.d.e.f.g", "[authors]", "[[authors]]");

  private Mutator() {}

  /** {@code rounds} random mutations of {@code seed}, chosen by {@code random}. */
  public static byte[] mutate(byte[] seed, Random random, int rounds) {
    byte[] b = seed.clone();
    for (int r = 0; r < rounds; r++) {
      int op = random.nextInt(8);
      int len = b.length;
      int at = len == 0 ? 0 : random.nextInt(len);
      switch (op) {
        case 0 -> {
          if (len > 0) {
            b[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (len > 0) {
            b[at] = (byte) random.nextInt(256);
          }
        }
        case 2 -> b = Arrays.copyOf(b, at);
        case 3 -> b = delete(b, at, random.nextInt(Math.max(1, Math.min(64, len - at + 1))));
        case 4 -> b = insert(b, at, slice(b, random.nextInt(Math.max(1, len)), random.nextInt(128)));
        case 5 -> b = insert(b, at, TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
        case 6 -> {
          byte[] junk = new byte[random.nextInt(32) + 1];
          random.nextBytes(junk);
          b = insert(b, at, junk);
        }
        default -> {
          // A long run, as a length or size field gone wild would produce.
          byte[] run = new byte[random.nextInt(4096)];
          Arrays.fill(run, (byte) (random.nextBoolean() ? 'a' : 0xFF));
          b = insert(b, at, run);
        }
      }
    }
    return b;
  }

  /**
   * The form a coverage-guided fuzzer drives (Jazzer targets): {@code rounds} mutations of {@code seed}
   * from {@code randomSeed}, then {@code cut} bytes at {@code at} replaced by the fuzzer's own bytes
   * {@code insert}. Every argument comes from the fuzzer's input, so its coverage feedback steers both
   * the choice of mutations and the spliced bytes; out-of-range positions are clamped.
   */
  public static byte[] splice(byte[] seed, long randomSeed, int rounds, int at, int cut, byte[] insert) {
    byte[] b = rounds > 0 ? mutate(seed, new Random(randomSeed), rounds) : seed;
    int from = Math.floorMod(at, b.length + 1);
    return insert(delete(b, from, Math.max(0, cut)), from, insert);
  }

  /** The UTF-8 text form of {@link #mutate}, for text formats (bytes that are not UTF-8 become U+FFFD). */
  public static String mutate(String seed, Random random, int rounds) {
    return new String(mutate(seed.getBytes(StandardCharsets.UTF_8), random, rounds), StandardCharsets.UTF_8);
  }

  private static byte[] slice(byte[] b, int from, int len) {
    int start = Math.min(from, b.length);
    return Arrays.copyOfRange(b, start, Math.min(b.length, start + len));
  }

  private static byte[] delete(byte[] b, int at, int len) {
    int end = Math.min(b.length, at + len);
    byte[] out = new byte[b.length - (end - at)];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(b, end, out, at, b.length - end);
    return out;
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    byte[] out = new byte[b.length + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at, out, at + what.length, b.length - at);
    return out;
  }
}
