/**
 * Spring Boot auto-configuration for Plinth: a {@link dev.plinth.runtime.PluginSystem} bean built
 * from {@code plinth.*} properties (booted at startup, closed with the context), plugin extensions
 * as {@link dev.plinth.spring.PluginExtensions} beans where {@code plinth.extension-beans} asks, and,
 * with Actuator present, a {@code plinth} health indicator and the {@code /actuator/plinth} endpoint.
 */
@NullMarked
package dev.plinth.spring;

import org.jspecify.annotations.NullMarked;
