/**
 * A small host application that embeds Plinth: {@link dev.plinth.examples.host.DemoHost} wires the
 * plugin system, {@link dev.plinth.examples.host.AgentRunner} simulates an agent run through the
 * nine agent hook points.
 */
@NullMarked
package dev.plinth.examples.host;

import org.jspecify.annotations.NullMarked;
