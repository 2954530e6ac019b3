/**
 * The end-to-end demo behind {@code plinth demo}: {@link dev.plinth.examples.demo.Demo#run}
 * builds the example plugins into signed releases, serves them on loopback, and walks a
 * {@link dev.plinth.examples.host.DemoHost} through install, refusal, an agent run, upgrade,
 * automatic rollback and diagnosis.
 */
@NullMarked
package dev.plinth.examples.demo;

import org.jspecify.annotations.NullMarked;
