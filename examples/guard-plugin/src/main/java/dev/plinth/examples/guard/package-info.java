/** Blocks dangerous tool calls at {@code tool.pre_exec}, failing closed. */
@NullMarked
package dev.plinth.examples.guard;

import org.jspecify.annotations.NullMarked;
