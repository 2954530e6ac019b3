package dev.plinth.runtime.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void quantile_ninetyFiveFastFiveSlow_handComputedBinBounds() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 95; i++) {
      h.record(1_000_000); // 1 ms: octave 19, quarter 3 -> bin bound 8 << 17 = 1 048 576 ns
    }
    for (int i = 0; i < 5; i++) {
      h.record(100_000_000); // 100 ms: octave 26, quarter 1 -> bin bound 6 << 24 = 100 663 296 ns
    }

    assertThat(h.quantileNanos(0.50)).isEqualTo(1_048_576);
    assertThat(h.quantileNanos(0.95)).isEqualTo(1_048_576);
    assertThat(h.quantileNanos(0.99)).isEqualTo(100_663_296);
  }

  @Test
  void upperBound_anyValue_overstatesByAtMostAQuarterOctave() {
    for (long v = 8_192; v < 60_000_000_000L; v = v * 3 / 2 + 7) {
      long bound = LatencyHistogram.upperBound(LatencyHistogram.bin(v));
      assertThat(bound).as("bound of %d", v).isGreaterThan(v).isLessThanOrEqualTo(v + v / 4 + 1);
    }
  }

  @Test
  void quantile_empty_isZeroAndTinyValuesShareFirstBin() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.quantileNanos(0.5)).isZero();
    h.record(5);
    assertThat(h.quantileNanos(0.5)).isEqualTo(8_192);
    h.record(Long.MAX_VALUE);
    assertThat(h.quantileNanos(1.0)).isEqualTo(1L << 36);
  }
}
