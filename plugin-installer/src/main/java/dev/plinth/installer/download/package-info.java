/**
 * HTTP access for the installer: one shared, configurable OkHttp client; small text fetches for
 * release metadata; streaming downloads into staging while hashing, with a size cap, retries with
 * backoff and removal of partial files; published digest files.
 */
@NullMarked
package dev.plinth.installer.download;

import org.jspecify.annotations.NullMarked;
