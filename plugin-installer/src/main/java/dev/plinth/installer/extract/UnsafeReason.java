package dev.plinth.installer.extract;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Why an archive entry was refused; the {@link #key()} appears as {@code reason} in the details of
 * an {@code ARCHIVE_ENTRY_UNSAFE} error.
 */
@API(status = STABLE, since = "0.1")
public enum UnsafeReason {
  ABSOLUTE_PATH("must be a relative path"),
  PATH_TRAVERSAL("must not contain '..' segments"),
  BACKSLASH("must not contain a backslash"),
  CONTROL_CHARACTER("must not contain NUL or control characters"),
  COLON("must not contain ':' (drive letters, alternate streams)"),
  EMPTY_SEGMENT("must not contain empty or '.' segments"),
  NAME_TOO_LONG("is longer than the name limit"),
  SYMLINK("must not be a symbolic link"),
  HARDLINK("must not be a hard link"),
  DEVICE("must not be a device"),
  FIFO("must not be a fifo"),
  SPARSE("must not be a sparse file"),
  UNSUPPORTED_TYPE("has an unsupported entry type"),
  DUPLICATE("appears more than once"),
  COLLISION("collides with another entry after case folding and NFKC normalisation"),
  PARENT_NOT_DIRECTORY("has a parent that is not a plain folder"),
  NAME_MISMATCH("has another name in its zip local header than in the central directory");

  private final String rule;

  UnsafeReason(String rule) {
    this.rule = rule;
  }

  /** The rule in words, for messages. */
  public String rule() {
    return rule;
  }

  /** The stable kebab-case key, e.g. {@code path-traversal}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
