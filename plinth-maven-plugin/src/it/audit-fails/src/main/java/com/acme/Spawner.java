package com.acme;

/** Starts a process, which the strict sandbox profile refuses unless `process` is declared. */
public final class Spawner {
  public Process spawn() throws java.io.IOException {
    return new ProcessBuilder("true").start();
  }
}
