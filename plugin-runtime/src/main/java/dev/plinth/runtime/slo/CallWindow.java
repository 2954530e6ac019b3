package dev.plinth.runtime.slo;

import dev.plinth.hooks.ReceiptStatus;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One plugin's receipts over a rolling window, in fixed buckets of time: a ring of
 * {@code ceil(window / bucket) + 1} slots, each holding the counts and a latency histogram of one
 * bucket. A slot is reused (cleared) when its bucket number comes round again, so memory is fixed
 * and nothing is ever swept. A window of {@code w} covers the current bucket and those before it,
 * {@code ceil(w / bucket)} in all.
 *
 * <p>Thread-safe: one receipt-delivery thread writes, report readers read; both under this object's
 * lock, held for one bucket update or one sum.
 */
final class CallWindow {
  private static final int CALLS = 0;
  private static final int ERRORS = 1;
  private static final int TIMEOUTS = 2;
  private static final int BLOCKED = 3;
  private static final int SKIPPED = 4;
  private static final int SLOW = 5;
  private static final int CPU_NANOS = 6;
  private static final int CPU_CALLS = 7;
  private static final int FIELDS = 8;

  private final long bucketMillis;
  private final int slots;
  private final long[] bucketOf;
  private final long[] counts;
  private final @Nullable LatencyHistogram[] latency;

  CallWindow(Duration window, Duration bucket) {
    this.bucketMillis = Math.max(1, bucket.toMillis());
    this.slots = (int) Math.min(1 << 20, ceilDiv(window.toMillis(), bucketMillis) + 1);
    this.bucketOf = new long[slots];
    java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
    this.counts = new long[slots * FIELDS];
    this.latency = new LatencyHistogram[slots];
  }

  synchronized void record(long nowMillis, ReceiptStatus status, long durationNanos, boolean slow, long cpuNanos) {
    int slot = slotFor(Math.floorDiv(nowMillis, bucketMillis));
    int base = slot * FIELDS;
    counts[base + CALLS]++;
    switch (status) {
      case ERROR -> counts[base + ERRORS]++;
      case TIMEOUT -> counts[base + TIMEOUTS]++;
      case BLOCKED -> counts[base + BLOCKED]++;
      case SKIPPED -> counts[base + SKIPPED]++;
      case OK -> { }
    }
    if (status == ReceiptStatus.SKIPPED) {
      return;
    }
    if (slow) {
      counts[base + SLOW]++;
    }
    if (cpuNanos >= 0) {
      counts[base + CPU_NANOS] += cpuNanos;
      counts[base + CPU_CALLS]++;
    }
    LatencyHistogram h = latency[slot];
    if (h == null) {
      h = new LatencyHistogram();
      latency[slot] = h;
    }
    h.record(durationNanos);
  }

  /** The counts of the last {@code window} up to {@code nowMillis}. */
  synchronized WindowCounts sum(long nowMillis, Duration window) {
    long now = Math.floorDiv(nowMillis, bucketMillis);
    long n = Math.min(slots - 1L, ceilDiv(window.toMillis(), bucketMillis));
    long[] s = new long[FIELDS];
    for (long b = now - n + 1; b <= now; b++) {
      int slot = (int) Math.floorMod(b, (long) slots);
      if (bucketOf[slot] == b) {
        for (int f = 0; f < FIELDS; f++) {
          s[f] += counts[slot * FIELDS + f];
        }
      }
    }
    return new WindowCounts(s[CALLS], s[ERRORS], s[TIMEOUTS], s[BLOCKED], s[SKIPPED], s[SLOW], s[CPU_NANOS], s[CPU_CALLS]);
  }

  /** The latency histogram of the last {@code window} up to {@code nowMillis}. */
  synchronized LatencyHistogram latency(long nowMillis, Duration window) {
    long now = Math.floorDiv(nowMillis, bucketMillis);
    long n = Math.min(slots - 1L, ceilDiv(window.toMillis(), bucketMillis));
    LatencyHistogram out = new LatencyHistogram();
    for (long b = now - n + 1; b <= now; b++) {
      int slot = (int) Math.floorMod(b, (long) slots);
      LatencyHistogram h = latency[slot];
      if (bucketOf[slot] == b && h != null) {
        out.addAll(h);
      }
    }
    return out;
  }

  private int slotFor(long bucket) {
    int slot = (int) Math.floorMod(bucket, (long) slots);
    if (bucketOf[slot] != bucket) {
      bucketOf[slot] = bucket;
      java.util.Arrays.fill(counts, slot * FIELDS, slot * FIELDS + FIELDS, 0);
      LatencyHistogram h = latency[slot];
      if (h != null) {
        h.clear();
      }
    }
    return slot;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
