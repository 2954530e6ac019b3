/**
 * The contract a plugin author compiles against: {@link dev.plinth.api.Plugin}, the
 * {@link dev.plinth.api.PluginContext} the host hands it, and the base error type. This package has
 * no runtime dependencies; every type in it is a promise kept across minor versions.
 */
@NullMarked
package dev.plinth.api;

import org.jspecify.annotations.NullMarked;
