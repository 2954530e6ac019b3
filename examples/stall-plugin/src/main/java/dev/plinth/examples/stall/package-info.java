/** A plugin whose handlers hang, to show hook timeouts under both failure policies. */
@NullMarked
package dev.plinth.examples.stall;

import org.jspecify.annotations.NullMarked;
