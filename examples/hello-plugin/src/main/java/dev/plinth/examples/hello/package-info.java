/** The smallest useful Plinth plugin: it logs on start, reports healthy and observes one hook. */
@NullMarked
package dev.plinth.examples.hello;

import org.jspecify.annotations.NullMarked;
