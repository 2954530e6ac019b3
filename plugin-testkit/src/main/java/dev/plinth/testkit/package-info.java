/**
 * The test kit for plugin authors and for Plinth's own tests: real bundles built from sources
 * compiled in the test ({@link dev.plinth.testkit.bundle}), test signing keys
 * ({@link dev.plinth.testkit.signing}) and a loopback release server with fault injection
 * ({@link dev.plinth.testkit.server}). Errors are {@link dev.plinth.testkit.TestkitException}s.
 */
@NullMarked
package dev.plinth.testkit;

import org.jspecify.annotations.NullMarked;
