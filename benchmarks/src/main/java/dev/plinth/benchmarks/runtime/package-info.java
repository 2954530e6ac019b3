/**
 * Benchmarks of the plugin runtime: booting many small plugins against PF4J in the same run, and a
 * footprint harness (heap per idle plugin, Metaspace over load/unload cycles).
 */
@NullMarked
package dev.plinth.benchmarks.runtime;

import org.jspecify.annotations.NullMarked;
