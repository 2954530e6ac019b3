package dev.plinth.runtime.slo;

/**
 * Receipt counts of one plugin over one window.
 *
 * @param calls every receipt
 * @param errors {@code ERROR} receipts
 * @param timeouts {@code TIMEOUT} receipts
 * @param blocked {@code BLOCKED} receipts
 * @param skipped {@code SKIPPED} receipts (the handler never ran: they count toward neither SLO)
 * @param slow calls that ran longer than their latency bound
 * @param cpuNanos CPU time measured on the calls that report one
 * @param cpuCalls how many calls reported CPU time
 */
record WindowCounts(long calls, long errors, long timeouts, long blocked, long skipped, long slow,
    long cpuNanos, long cpuCalls) {
  static final WindowCounts EMPTY = new WindowCounts(0, 0, 0, 0, 0, 0, 0, 0);

  /** Calls that ran: those the SLOs count. */
  long eligible() {
    return calls - skipped;
  }

  /** Calls that spent availability budget. */
  long failed() {
    return errors + timeouts;
  }

  /** Burn rate of the availability SLO. */
  double availabilityBurn(SloObjective objective) {
    return BurnRates.burnRate(failed(), eligible(), objective.errorBudget());
  }

  /** Burn rate of the latency SLO. */
  double latencyBurn() {
    return BurnRates.burnRate(slow, eligible(), SloObjective.LATENCY_BUDGET);
  }
}
