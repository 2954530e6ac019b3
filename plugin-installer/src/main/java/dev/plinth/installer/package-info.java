/**
 * Finds, downloads, verifies, extracts and installs plugin bundles as transactions that roll back
 * on any failure. The front half (sources, download, trust, extraction) ends in a
 * {@link dev.plinth.installer.StagedBundle}; the back half (store, transactions) takes it from
 * there.
 */
@NullMarked
package dev.plinth.installer;

import org.jspecify.annotations.NullMarked;
