/** Per-plugin classloaders: which classes a plugin shares with the host and its dependencies, which it keeps to itself, and calls into plugin code under its context classloader. */
@NullMarked
package dev.plinth.runtime.classloading;

import org.jspecify.annotations.NullMarked;
