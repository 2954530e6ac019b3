/** Finds a plugin's entry point and the extensions it contributes, through ServiceLoader restricted to the plugin's own loader. */
@NullMarked
package dev.plinth.runtime.discovery;

import org.jspecify.annotations.NullMarked;
