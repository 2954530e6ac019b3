/**
 * A release server on loopback ({@link dev.plinth.testkit.server.ReleaseServer}, WireMock inside)
 * that serves plugin bundles the three ways the installer resolves them: GitHub-release-shaped
 * JSON and assets, a Maven repository layout, and catalog indexes. Faults ({@link
 * dev.plinth.testkit.server.Fault}) can be injected per path, and requests counted, so a test can
 * check retries, rate-limit hints, digest checks and that nothing was downloaded.
 */
@NullMarked
package dev.plinth.testkit.server;

import org.jspecify.annotations.NullMarked;
