/**
 * The runtime that loads, isolates, starts and unloads plugins: settings, errors and, in
 * sub-packages, classloading, discovery, the permission-checked plugin context, the lifecycle, the
 * crash guard and leak detection.
 */
@NullMarked
package dev.plinth.runtime;

import org.jspecify.annotations.NullMarked;
