package dev.plinth.examples.redactor;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces every match of its rules with a label. Built-in rules catch AWS access key ids, bearer
 * tokens, GitHub tokens and {@code sk-}/{@code sk_live_}-style API keys; more come from the
 * plugin's {@code patterns} setting (kind {@code custom}). Immutable and thread-safe.
 *
 * <pre>{@code
 * Redactor.withDefaults(List.of("ticket-\\d+"), LabelStyle.KIND)
 *     .redact("key AKIAIOSFODNN7EXAMPLE")   // "key [REDACTED:aws_access_key]"
 * }</pre>
 */
public final class Redactor {
  /**
   * A kind of secret and how to find it.
   *
   * @param kind short name shown in {@link LabelStyle#KIND} labels
   * @param pattern what it looks like
   */
  public record Rule(String kind, Pattern pattern) {
    public Rule {
      requireNonNull(kind, "kind");
      requireNonNull(pattern, "pattern");
    }
  }

  /** How a redacted secret is shown. */
  public enum LabelStyle {
    /** {@code [REDACTED]} (release 1.0). */
    PLAIN,
    /** {@code [REDACTED:<kind>]} (release 1.1 onwards). */
    KIND;

    String label(String kind) {
      return this == PLAIN ? "[REDACTED]" : "[REDACTED:" + kind + "]";
    }
  }

  /** The built-in rules, most specific first (a bearer token is labelled before it looks like a key). */
  public static final List<Rule> DEFAULT_RULES = List.of(
      new Rule("aws_access_key", Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b")),
      new Rule("aws_secret_key",
          Pattern.compile("(?i)(?<=aws_secret_access_key[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)[A-Za-z0-9/+=]{40}")),
      new Rule("bearer_token", Pattern.compile("(?i)\\bBearer\\s+[A-Za-z0-9._~+/=-]{8,}")),
      new Rule("github_token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{20,}\\b")),
      new Rule("api_key", Pattern.compile("\\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{8,}\\b|\\bsk-[A-Za-z0-9_-]{20,}")));

  private final List<Rule> rules;
  private final LabelStyle style;

  private Redactor(List<Rule> rules, LabelStyle style) {
    this.rules = List.copyOf(rules);
    this.style = requireNonNull(style, "style");
  }

  /**
   * The built-in rules plus one {@code custom} rule per pattern.
   *
   * @throws IllegalArgumentException naming the pattern when one is not a valid regular expression
   */
  public static Redactor withDefaults(List<String> extraPatterns, LabelStyle style) {
    List<Rule> all = new ArrayList<>(DEFAULT_RULES);
    for (String p : extraPatterns) {
      try {
        all.add(new Rule("custom", Pattern.compile(p)));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("patterns entry must be a valid regular expression: " + p, e);
      }
    }
    return new Redactor(all, style);
  }

  /** The label style in use. */
  public LabelStyle style() {
    return style;
  }

  /** The text with every secret replaced; the same instance when nothing matched. */
  public String redact(String text) {
    String out = text;
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(out);
      if (m.find()) {
        out = m.replaceAll(Matcher.quoteReplacement(style.label(rule.kind())));
      }
    }
    return out.equals(text) ? text : out;
  }
}
