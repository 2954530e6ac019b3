/**
 * Safe extraction of untrusted bundle archives (tar, tar.gz, zip, single jar) and copying of local
 * bundle folders into a staging folder: no links, devices, traversal, duplicates or collisions,
 * bounded sizes and ratios, fixed file modes, and a sha256 for every file written.
 */
@NullMarked
package dev.plinth.installer.extract;

import org.jspecify.annotations.NullMarked;
