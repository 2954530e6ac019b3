/**
 * What the demo host offers its plugins besides the agent hook points: the {@link
 * dev.plinth.examples.host.spi.ToolProvider} extension interface and the {@link
 * dev.plinth.examples.host.spi.AuditTrail} host service. The host exports this package, so plugins
 * compile against it with {@code provided} scope and never bundle it.
 */
@NullMarked
package dev.plinth.examples.host.spi;

import org.jspecify.annotations.NullMarked;
