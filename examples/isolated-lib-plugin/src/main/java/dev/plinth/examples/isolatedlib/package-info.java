/**
 * A plugin that bundles its own version of a library the host also uses (Apache Commons Lang), and
 * reports which one it sees through a tool.
 */
@NullMarked
package dev.plinth.examples.isolatedlib;

import org.jspecify.annotations.NullMarked;
