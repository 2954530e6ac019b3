/**
 * Builds real plugin bundles in tests: Java sources compiled in memory, a {@code plugin.toml}
 * written from builder fields or given as text, library jars, and deterministic folder,
 * {@code .tar.gz}, {@code .zip} or single-{@code .jar} output with a {@code .sha256} file and an
 * optional test signature. {@link dev.plinth.testkit.bundle.HostileArchives} writes the classic
 * attack archives that a safe extractor must reject.
 *
 * <pre>{@code
 * BuiltBundle bundle = PluginBundle.builder("acme_hello", "1.0.0")
 *     .pluginClass("com.acme.HelloPlugin")
 *     .source("com.acme.HelloPlugin", "package com.acme; public final class HelloPlugin"
 *         + " implements dev.plinth.api.Plugin {}")
 *     .writeTarGz(tempDir);
 * }</pre>
 */
@NullMarked
package dev.plinth.testkit.bundle;

import org.jspecify.annotations.NullMarked;
