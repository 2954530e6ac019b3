package dev.plinth.installer.source;

import java.util.regex.Pattern;

/** The character classes every source coordinate must match before any request is made. */
final class Coords {
  static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
  static final Pattern GITHUB_REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9._+-]{1,128}");
  static final Pattern MAVEN_GROUP = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");
  static final Pattern MAVEN_PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  static final Pattern MAVEN_VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}");
  static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9_]{1,47}");
  static final Pattern RANGE = Pattern.compile("[0-9A-Za-z.^~<>=*|+ -]{1,128}");
  static final Pattern URL_FORBIDDEN = Pattern.compile("[\\s\\p{Cntrl}\\\\\"<>`{}|^$;'()!&*]");
  static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private Coords() {}
}
