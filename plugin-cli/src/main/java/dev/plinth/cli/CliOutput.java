package dev.plinth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plinth.api.PlinthException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a command prints goes through here, so {@code --json} always yields exactly one
 * document: {@code {"ok":true,"result":{…}}} or
 * {@code {"ok":false,"error":{"code":…,"message":…,"nextStep":…,"phase":…}}}.
 *
 * <p>Every line is written as one piece together with its newline and flushed at once, and a
 * progress line (which has no newline while it updates) is ended before anything else is written to
 * either stream: when stdout and stderr share a terminal, their lines never run together, whatever
 * order the streams arrive in.
 */
final class CliOutput {
  static final ObjectMapper JSON =
      new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final String NEWLINE = System.lineSeparator();

  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean quiet;
  /** The last thing written to {@code out} is a progress line still waiting for its newline. */
  private boolean progressOpen;

  CliOutput(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.quiet = quiet;
  }

  boolean json() {
    return json;
  }

  /** A progress or phase line: shown in human mode unless quiet. */
  void line(String text) {
    if (!json && !quiet) {
      println(out, text);
    }
  }

  /**
   * A progress line that replaces itself ({@code \r}, no newline) until {@link #endProgress} or
   * the next line ends it. Human mode only.
   */
  void progress(String text) {
    if (!json && !quiet) {
      out.print("\r" + text);
      out.flush();
      progressOpen = true;
    }
  }

  /** Ends an open progress line with its newline. */
  void endProgress() {
    if (progressOpen) {
      progressOpen = false;
      out.print(NEWLINE);
      out.flush();
    }
  }

  /** The final human summary line(s); in JSON mode nothing (the result document says it). */
  void summary(String text) {
    if (!json) {
      println(out, text);
    }
  }

  /** Prints the success document (JSON mode) and returns exit code 0. */
  int ok(Object result) {
    if (json) {
      ObjectNode doc = JSON.createObjectNode();
      doc.put("ok", true);
      doc.set("result", JSON.valueToTree(result));
      print(doc);
    }
    return 0;
  }

  /** Prints a typed failure and returns exit code 1. */
  int fail(PlinthException e) {
    Object phase = e.details().get("phase");
    return fail(e.code().code(), String.valueOf(e.getMessage()), e.nextStep(), phase == null ? null : phase.toString(), null);
  }

  /** Prints a failure with an optional result payload (e.g. preflight issues) and returns 1. */
  int fail(String code, String message, String nextStep, @Nullable String phase, @Nullable Object result) {
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("message", message);
      error.put("nextStep", nextStep);
      error.put("phase", phase);
      ObjectNode doc = JSON.createObjectNode();
      doc.put("ok", false);
      doc.set("error", JSON.valueToTree(error));
      if (result != null) {
        doc.set("result", JSON.valueToTree(result));
      }
      print(doc);
    } else {
      println(err, "error " + code + (phase == null ? "" : " (phase " + phase + ")") + ": " + message
          + NEWLINE + "  next step: " + nextStep);
    }
    return 1;
  }

  /** The raw stdout writer, for output that is not lines (the demo); ends an open progress line first. */
  PrintWriter out() {
    endProgress();
    return out;
  }

  /** Writes {@code text} and its newline as one piece, then flushes. */
  private void println(PrintWriter to, String text) {
    endProgress();
    to.print(text.endsWith(NEWLINE) ? text : text + NEWLINE);
    to.flush();
  }

  private void print(ObjectNode doc) {
    try {
      println(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise CLI output", e);
    }
  }
}
