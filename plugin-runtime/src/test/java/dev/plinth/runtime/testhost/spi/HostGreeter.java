package dev.plinth.runtime.testhost.spi;

/** The host's own provider, listed in the test classpath's services file. */
public final class HostGreeter implements Greeter {
  @Override
  public String greet(String name) {
    return "host " + name;
  }
}
