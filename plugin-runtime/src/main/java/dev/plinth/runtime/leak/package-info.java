/** Checks that an unloaded plugin's classloader is collected, and names the likely holders when it is not. */
@NullMarked
package dev.plinth.runtime.leak;

import org.jspecify.annotations.NullMarked;
