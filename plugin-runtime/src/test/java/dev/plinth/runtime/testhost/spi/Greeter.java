package dev.plinth.runtime.testhost.spi;

/** An extension interface the test host offers and exports. */
public interface Greeter {
  String greet(String name);
}
