package dev.plinth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real command line in-process and captures what it printed. */
record CliRunner(int exitCode, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PlinthCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRunner(code, out.toString(), err.toString());
  }

  JsonNode json() {
    try {
      return CliOutput.JSON.readTree(out);
    } catch (java.io.IOException e) {
      throw new AssertionError("not one JSON document:\n" + out + "\nstderr:\n" + err, e);
    }
  }
}
