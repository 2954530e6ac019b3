/**
 * The front half of an install as one {@link dev.plinth.installer.BundleStager}: resolve,
 * preflight, download, verify, extract, each phase reported and each failure typed with its phase.
 */
@NullMarked
package dev.plinth.installer.pipeline;

import org.jspecify.annotations.NullMarked;
