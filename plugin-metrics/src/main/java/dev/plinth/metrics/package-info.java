/**
 * Micrometer meters for a plugin system: per plugin and hook point calls by outcome and a latency
 * histogram, start times, install transactions by outcome, SLO alerts. Optional: hosts that want
 * no metrics do not depend on this module.
 */
@NullMarked
package dev.plinth.metrics;

import org.jspecify.annotations.NullMarked;
