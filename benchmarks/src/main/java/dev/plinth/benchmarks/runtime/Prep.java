package dev.plinth.benchmarks.runtime;
public class Prep { public static void main(String[] a) throws Exception { BenchPlugins.prepare(java.nio.file.Path.of(a[0]), Integer.parseInt(a[1])); } }
