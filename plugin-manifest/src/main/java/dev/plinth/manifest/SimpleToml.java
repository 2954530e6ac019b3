package dev.plinth.manifest;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * A small, strict reader for the plain TOML that manifests are written in: {@code [table.headers]}
 * with bare keys, {@code key = value} lines with bare keys, basic and literal strings, decimal
 * integers, booleans, arrays of one kind of value and single-line inline tables, with comments and
 * blank lines. It gives the same tables as tomlj for that subset and gives up ({@code null}) on
 * anything else, valid or not: other syntax, dotted or quoted keys, a repeated key or table, a
 * control character. tomlj then parses the text and reports any errors, so the reader only saves
 * time (tomlj's generated parser costs far more than these files need) and never decides validity.
 * Stateless and thread-safe.
 */
final class SimpleToml {
  private final String s;
  private int pos;
  private int line = 1;
  private int lineStart;
  /** Tables opened by a header; a second header for one of them is an error left to tomlj. */
  private final Set<SimpleTomlTable> defined = Collections.newSetFromMap(new IdentityHashMap<>());

  private SimpleToml(String s) {
    this.s = s;
  }

  /** The document's root table, or null when the text is outside the subset. */
  static @Nullable TomlParseResult parse(String toml) {
    try {
      return new SimpleToml(toml).document();
    } catch (GiveUp e) {
      return null;
    }
  }

  private SimpleTomlTable document() {
    SimpleTomlTable root = new SimpleTomlTable(false);
    SimpleTomlTable current = root;
    while (true) {
      skipBlank();
      if (pos >= s.length()) {
        return root;
      }
      char c = s.charAt(pos);
      if (c == '[') {
        current = header(root);
      } else {
        keyValue(current);
      }
      endOfLine();
    }
  }

  private SimpleTomlTable header(SimpleTomlTable root) {
    pos++;
    boolean arrayOfTables = peek() == '[';
    if (arrayOfTables) {
      pos++;
    }
    skipSpaces();
    SimpleTomlTable t = root;
    while (true) {
      TomlPosition at = position();
      String key = bareKey();
      skipSpaces();
      char c = next();
      if (c == '.') {
        t = descend(t, key, at);
        skipSpaces();
        continue;
      }
      if (c != ']' || (arrayOfTables && next() != ']')) {
        throw GiveUp.INSTANCE;
      }
      return arrayOfTables ? appendTable(t, key, at) : defineTable(t, key, at);
    }
  }

  /** The table a header's inner key names: created if new, the last element of an array of tables. */
  private static SimpleTomlTable descend(SimpleTomlTable t, String key, TomlPosition at) {
    Object existing = t.values.get(key);
    if (existing == null) {
      SimpleTomlTable child = new SimpleTomlTable(false);
      t.put(key, child, at);
      return child;
    }
    if (existing instanceof SimpleTomlTable child && !child.inline) {
      return child;
    }
    if (existing instanceof SimpleTomlArray a && a.ofTables) {
      return (SimpleTomlTable) a.items.get(a.items.size() - 1);
    }
    throw GiveUp.INSTANCE;
  }

  /** {@code [a.key]}: a table defined once, possibly created earlier by a longer header. */
  private SimpleTomlTable defineTable(SimpleTomlTable parent, String key, TomlPosition at) {
    Object existing = parent.values.get(key);
    SimpleTomlTable t;
    if (existing == null) {
      t = new SimpleTomlTable(false);
      parent.put(key, t, at);
    } else if (existing instanceof SimpleTomlTable child && !child.inline) {
      t = child;
    } else {
      throw GiveUp.INSTANCE;
    }
    if (!defined.add(t)) {
      throw GiveUp.INSTANCE;
    }
    return t;
  }

  /** {@code [[a.key]]}: a new table appended to the array of tables {@code key}. */
  private SimpleTomlTable appendTable(SimpleTomlTable parent, String key, TomlPosition at) {
    Object existing = parent.values.get(key);
    SimpleTomlArray a;
    if (existing == null) {
      a = new SimpleTomlArray(true);
      parent.put(key, a, at);
    } else if (existing instanceof SimpleTomlArray tables && tables.ofTables) {
      a = tables;
    } else {
      throw GiveUp.INSTANCE;
    }
    SimpleTomlTable t = new SimpleTomlTable(false);
    a.add(t, at); // an array made by headers holds tables only: always added
    defined.add(t);
    return t;
  }

  private void keyValue(SimpleTomlTable table) {
    TomlPosition at = position();
    String key = bareKey();
    skipSpaces();
    if (next() != '=') {
      throw GiveUp.INSTANCE;
    }
    skipSpaces();
    Object value = value();
    if (table.values.containsKey(key)) {
      throw GiveUp.INSTANCE;
    }
    table.put(key, value, at);
  }

  private Object value() {
    char c = peek();
    if (c == '"') {
      return basicString();
    } else if (c == '\'') {
      return literalString();
    } else if (c == '[') {
      return array();
    } else if (c == '{') {
      return inlineTable();
    } else if (s.startsWith("true", pos) && !keyChar(charAt(pos + 4))) {
      pos += 4;
      return Boolean.TRUE;
    } else if (s.startsWith("false", pos) && !keyChar(charAt(pos + 5))) {
      pos += 5;
      return Boolean.FALSE;
    }
    return integer();
  }

  private String basicString() {
    pos++;
    if (peek() == '"') {
      pos++;
      if (peek() == '"') {
        throw GiveUp.INSTANCE; // multi-line
      }
      return "";
    }
    StringBuilder b = null;
    int start = pos;
    while (true) {
      char c = next();
      if (c == '"') {
        return b == null ? s.substring(start, pos - 1) : b.toString();
      }
      if (control(c)) {
        throw GiveUp.INSTANCE;
      }
      if (c == '\\') {
        if (b == null) {
          b = new StringBuilder().append(s, start, pos - 1);
        }
        escape(b);
      } else if (b != null) {
        b.append(c);
      }
    }
  }

  private void escape(StringBuilder b) {
    char e = next();
    switch (e) {
      case 'b' -> b.append('\b');
      case 't' -> b.append('\t');
      case 'n' -> b.append('\n');
      case 'f' -> b.append('\f');
      case 'r' -> b.append('\r');
      case '"' -> b.append('"');
      case '\\' -> b.append('\\');
      case 'u', 'U' -> {
        int digits = e == 'u' ? 4 : 8;
        if (pos + digits > s.length()) {
          throw GiveUp.INSTANCE;
        }
        int cp = 0;
        for (int i = 0; i < digits; i++) {
          int d = Character.digit(s.charAt(pos++), 16);
          if (d < 0) {
            throw GiveUp.INSTANCE;
          }
          cp = cp * 16 + d;
        }
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          throw GiveUp.INSTANCE;
        }
        b.appendCodePoint(cp);
      }
      default -> throw GiveUp.INSTANCE;
    }
  }

  private String literalString() {
    pos++;
    if (peek() == '\'') {
      pos++;
      if (peek() == '\'') {
        throw GiveUp.INSTANCE; // multi-line
      }
      return "";
    }
    int start = pos;
    while (true) {
      char c = next();
      if (c == '\'') {
        return s.substring(start, pos - 1);
      }
      if (control(c)) {
        throw GiveUp.INSTANCE;
      }
    }
  }

  private Long integer() {
    int start = pos;
    if (peek() == '+' || peek() == '-') {
      pos++;
    }
    int digits = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    int n = pos - digits;
    if (n == 0 || n > 18 || (n > 1 && s.charAt(digits) == '0') || keyChar(charAt(pos))
        || charAt(pos) == '.' || charAt(pos) == ':') {
      throw GiveUp.INSTANCE; // not a plain decimal integer that surely fits a long
    }
    return Long.parseLong(s.substring(start, pos));
  }

  private SimpleTomlArray array() {
    pos++;
    SimpleTomlArray a = new SimpleTomlArray(false);
    while (true) {
      skipBlankInArray();
      if (peek() == ']') {
        pos++;
        return a;
      }
      TomlPosition at = position();
      if (!a.add(value(), at)) {
        throw GiveUp.INSTANCE; // mixed kinds: left to tomlj's rules
      }
      skipBlankInArray();
      char c = next();
      if (c == ']') {
        return a;
      }
      if (c != ',') {
        throw GiveUp.INSTANCE;
      }
    }
  }

  private SimpleTomlTable inlineTable() {
    pos++;
    SimpleTomlTable t = new SimpleTomlTable(true);
    skipSpaces();
    if (peek() == '}') {
      pos++;
      return t;
    }
    while (true) {
      keyValue(t);
      skipSpaces();
      char c = next();
      if (c == '}') {
        return t;
      }
      if (c != ',') {
        throw GiveUp.INSTANCE;
      }
      skipSpaces();
    }
  }

  private String bareKey() {
    int start = pos;
    while (pos < s.length() && keyChar(s.charAt(pos))) {
      pos++;
    }
    if (pos == start) {
      throw GiveUp.INSTANCE; // quoted or empty key
    }
    return s.substring(start, pos);
  }

  private static boolean keyChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** Control characters TOML forbids in strings and comments (tab is allowed). */
  private static boolean control(char c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  }

  /** Spaces, tabs, comments and line ends between array elements. */
  private void skipBlankInArray() {
    while (true) {
      skipSpaces();
      if (peek() == '#') {
        comment();
      }
      if (!newline()) {
        return;
      }
    }
  }

  /** Blank and comment-only lines. */
  private void skipBlank() {
    while (pos < s.length()) {
      skipSpaces();
      if (peek() == '#') {
        comment();
      }
      if (pos >= s.length()) {
        return;
      }
      if (!newline()) {
        return;
      }
    }
  }

  /** After a header or key/value: spaces, an optional comment, then a line end or the end. */
  private void endOfLine() {
    skipSpaces();
    if (peek() == '#') {
      comment();
    }
    if (pos < s.length() && !newline()) {
      throw GiveUp.INSTANCE;
    }
  }

  private void comment() {
    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
      if (control(s.charAt(pos))) {
        throw GiveUp.INSTANCE;
      }
      pos++;
    }
  }

  private boolean newline() {
    if (s.startsWith("\r\n", pos)) {
      pos += 2;
    } else if (peek() == '\n') {
      pos++;
    } else {
      return false;
    }
    line++;
    lineStart = pos;
    return true;
  }

  private void skipSpaces() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private int charAt(int i) {
    return i < s.length() ? s.charAt(i) : -1;
  }

  private char next() {
    if (pos >= s.length()) {
      throw GiveUp.INSTANCE;
    }
    return s.charAt(pos++);
  }

  private TomlPosition position() {
    return TomlPosition.positionAt(line, pos - lineStart + 1);
  }

  /** Outside the subset: tomlj decides. Preallocated, without a stack trace. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
      super(null, null, false, false);
    }
  }
}
