package dev.plinth.runtime.slo;

/**
 * Call durations in log-linear bins: one bin up to 8.2 µs, then four bins per power of two up to
 * about 69 s, then one overflow bin. A quantile is the upper bound of the bin it falls in, so it
 * overstates by at most a quarter of an octave (19 %): coarse, but fixed in size (98 counters)
 * and mergeable, which a rolling window of many buckets needs. Calls over 69 s report 69 s.
 * Not thread-safe.
 */
final class LatencyHistogram {
  private static final int FIRST_OCTAVE = 13; // 2^13 ns = 8.192 µs
  private static final int LAST_OCTAVE = 36; // 2^36 ns = 68.7 s
  private static final int SUB = 4;
  static final int BINS = 1 + (LAST_OCTAVE - FIRST_OCTAVE) * SUB + 1;

  private final long[] counts = new long[BINS];
  private long total;

  void record(long nanos) {
    counts[bin(nanos)]++;
    total++;
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < BINS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  void clear() {
    java.util.Arrays.fill(counts, 0);
    total = 0;
  }

  long total() {
    return total;
  }

  /** The upper bound (ns) of the bin holding the {@code q} quantile; 0 when empty. */
  long quantileNanos(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < BINS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return upperBound(i);
      }
    }
    return upperBound(BINS - 1);
  }

  static int bin(long nanos) {
    if (nanos < (1L << FIRST_OCTAVE)) {
      return 0;
    }
    int octave = 63 - Long.numberOfLeadingZeros(nanos);
    if (octave >= LAST_OCTAVE) {
      return BINS - 1;
    }
    int sub = (int) ((nanos >>> (octave - 2)) & (SUB - 1));
    return 1 + (octave - FIRST_OCTAVE) * SUB + sub;
  }

  static long upperBound(int bin) {
    if (bin == 0) {
      return 1L << FIRST_OCTAVE;
    }
    if (bin == BINS - 1) {
      return 1L << LAST_OCTAVE; // "at least": the overflow bin has no upper bound
    }
    int octave = FIRST_OCTAVE + (bin - 1) / SUB;
    int sub = (bin - 1) % SUB;
    return (long) (SUB + sub + 1) << (octave - 2);
  }
}
