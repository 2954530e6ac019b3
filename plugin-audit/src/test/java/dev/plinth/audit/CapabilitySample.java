package dev.plinth.audit;

import dev.plinth.manifest.Capability;
import java.util.List;

/** One class per capability, each using that capability and nothing else, for the audit and install tests. */
record CapabilitySample(Capability capability, String className, String source) {
  static final List<CapabilitySample> ALL = List.of(
      of(Capability.NETWORK, "try (java.net.Socket s = new java.net.Socket()) { s.connect(null); }"),
      of(Capability.PROCESS, "new ProcessBuilder(\"ls\").start();"),
      of(Capability.EXIT, "System.exit(2);"),
      of(Capability.NATIVE, "System.loadLibrary(\"acme\");"),
      of(Capability.REFLECTION, "String.class.getDeclaredFields()[0].setAccessible(true);"),
      of(Capability.CLASSLOADER, "new java.net.URLClassLoader(new java.net.URL[0]).close();"),
      of(Capability.FILESYSTEM, "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/hostname\"));"),
      of(Capability.THREADS, "new Thread(() -> { }).start();"),
      of(Capability.JVM_STATE, "System.setProperty(\"acme\", \"1\");"),
      of(Capability.DYNAMIC, "String name = String.valueOf(System.nanoTime()); Class.forName(name);"));

  static CapabilitySample of(Capability c, String body) {
    String simple = "Uses" + c.name().replace("_", "");
    String source = "package com.acme.caps;\npublic final class " + simple + " {\n"
        + "  public void run() throws Exception {\n    " + body + "\n  }\n}\n";
    return new CapabilitySample(c, "com.acme.caps." + simple, source);
  }

  /** The sample of one capability. */
  static CapabilitySample of(Capability c) {
    return ALL.stream().filter(s -> s.capability() == c).findFirst().orElseThrow();
  }

  @Override
  public String toString() {
    return capability.id();
  }
}
