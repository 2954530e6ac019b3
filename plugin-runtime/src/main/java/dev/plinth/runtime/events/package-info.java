/** The names of the events the runtime writes, in one place. */
@NullMarked
package dev.plinth.runtime.events;

import org.jspecify.annotations.NullMarked;
