/**
 * The {@code plinth-maven-plugin} goals: {@code preflight} (fails the build with every issue, like
 * {@code plinth preflight}), {@code pack} (the deterministic bundle of {@code plinth pack}, attached
 * with its {@code -plugin.toml} and {@code .sha256} so a {@code maven:} source finds it) and
 * {@code sign} (cosign-style key signature beside the archive).
 */
@NullMarked
package dev.plinth.maven;

import org.jspecify.annotations.NullMarked;
