package dev.plinth.runtime.slo;

/**
 * Error-budget arithmetic. The budget of an SLO with target {@code t} is the share {@code 1 - t}
 * of calls that may go bad; the burn rate over a window is the share that did go bad divided by
 * that budget, so 1 spends the budget exactly over the SLO period and 14.4 spends a 30-day budget
 * in about two days.
 */
final class BurnRates {
  private BurnRates() {}

  /** {@code (bad / eligible) / budget}; 0 when nothing was eligible. */
  static double burnRate(long bad, long eligible, double budget) {
    if (eligible <= 0) {
      return 0;
    }
    return ((double) bad / eligible) / budget;
  }

  /** The share of the window's budget not yet spent: {@code 1 - burn}, negative when overspent. */
  static double budgetLeft(double burn) {
    return 1 - burn;
  }
}
