/**
 * The publishing side of a bundle: packing a plugin folder into a deterministic archive with its
 * digest file, and signing it cosign-style. The command line and the build plugins share it, so a
 * bundle packed by either has the same bytes and digest.
 */
@NullMarked
package dev.plinth.installer.release;

import org.jspecify.annotations.NullMarked;
