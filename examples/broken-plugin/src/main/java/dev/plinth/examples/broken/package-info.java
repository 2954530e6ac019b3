/** A plugin that starts but reports itself unhealthy: what automatic rollback is for. */
@NullMarked
package dev.plinth.examples.broken;

import org.jspecify.annotations.NullMarked;
