/** Typed events every install, lifecycle and governance transition writes to an {@link dev.plinth.installer.events.EventSink}. */
@NullMarked
package dev.plinth.installer.events;

import org.jspecify.annotations.NullMarked;
