/**
 * Redacts secret-looking strings from tool output at {@code tool.post_exec}, before the model sees
 * them.
 */
@NullMarked
package dev.plinth.examples.redactor;

import org.jspecify.annotations.NullMarked;
