/**
 * An example web admin for a host that embeds Plinth: one page that lists the catalog (trust badge,
 * compatibility, installed version), installs with live phase progress over server-sent events,
 * shows the rollback outcome, rolls back, warns with a banner when a catalog source failed, and
 * shows the doctor's report. The JDK's HTTP server and plain HTML and JavaScript, no build step.
 */
@NullMarked
package dev.plinth.examples.admin;

import org.jspecify.annotations.NullMarked;
