/** A Spring Boot web application that embeds Plinth through plinth-spring-boot-starter. */
@NullMarked
package dev.plinth.examples.spring;

import org.jspecify.annotations.NullMarked;
