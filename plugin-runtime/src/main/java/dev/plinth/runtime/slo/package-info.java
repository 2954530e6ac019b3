/**
 * Service-level objectives per plugin: rolling windows over hook receipts, error-budget burn rates,
 * multi-window burn-rate alerts, and the SLO report. Holds no metrics-library types: a metrics
 * binding (the {@code plugin-metrics} module) reads the same receipts and events on its own.
 */
@NullMarked
package dev.plinth.runtime.slo;

import org.jspecify.annotations.NullMarked;
