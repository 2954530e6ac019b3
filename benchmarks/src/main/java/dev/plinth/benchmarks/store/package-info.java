/** Benchmarks of the plugin store's transactions, each beside its baseline. */
@NullMarked
package dev.plinth.benchmarks.store;

import org.jspecify.annotations.NullMarked;
