/** The crash guard: repeated failures inside a time window auto-disable a plugin. */
@NullMarked
package dev.plinth.runtime.guard;

import org.jspecify.annotations.NullMarked;
