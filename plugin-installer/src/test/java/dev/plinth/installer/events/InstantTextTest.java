package dev.plinth.installer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Event times are written exactly as {@link Instant#toString()} writes them. */
class InstantTextTest {
  @Test
  void everyPrecisionAndEdge_matchesTheJdk() {
    long[] seconds = {0, 1, 59, 60, -1, 1_796_473_815L, 253_402_300_799L, -62_167_219_200L};
    int[] nanos = {0, 1, 999_999_999, 1_000, 1_000_000, 120_000_000, 123_456_000, 123_456_789, 100, 5_000_000};
    for (long s : seconds) {
      for (int n : nanos) {
        Instant t = Instant.ofEpochSecond(s, n);
        assertThat(InstantText.of(t)).as("%s s %s ns", s, n).isEqualTo(t.toString());
      }
    }
  }

  @Test
  void yearsOutsideFourDigits_areWrittenByTheJdk() {
    for (Instant t : new Instant[] {Instant.ofEpochSecond(253_402_300_800L, 5), Instant.ofEpochSecond(-62_167_219_201L, 7),
        Instant.MAX, Instant.MIN}) {
      assertThat(InstantText.of(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void randomInstants_inTurn_matchTheJdk() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      // Runs of the same second (the kept text) and jumps to others.
      long s = 1_700_000_000L + r.nextInt(i % 7 == 0 ? 1_000_000 : 3);
      int n = switch (r.nextInt(4)) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1_000;
        default -> r.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(s, n);
      assertThat(InstantText.of(t)).isEqualTo(t.toString());
    }
  }
}
