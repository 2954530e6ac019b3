/**
 * The {@code plugin.toml} model, its parser and validator, and preflight compatibility checks
 * against a {@link dev.plinth.manifest.HostProfile}. Validation never stops at the first problem:
 * every issue is reported with a stable code, the field path, the value and a next step.
 */
@NullMarked
package dev.plinth.manifest;

import org.jspecify.annotations.NullMarked;
