/** Loads, starts, checks, stops and unloads plugins, in dependency order, one plugin's failure never stopping the others. */
@NullMarked
package dev.plinth.runtime.lifecycle;

import org.jspecify.annotations.NullMarked;
