/** Benchmarks of the bytecode capability audit, each beside its baseline. */
@NullMarked
package dev.plinth.benchmarks.audit;

import org.jspecify.annotations.NullMarked;
