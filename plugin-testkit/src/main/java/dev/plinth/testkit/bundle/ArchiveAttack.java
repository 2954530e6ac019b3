package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The classic attacks on archive extraction that {@link HostileArchives} can write. Each archive
 * also holds a valid {@code plugin.toml}, so an extractor that rejects it does so for the attack.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ArchiveAttack {
  /** A file named {@code ../../../../../../tmp/plinth-escape.txt} (Zip Slip). */
  DOT_DOT_TRAVERSAL(true),
  /** A file named {@code /tmp/plinth-escape.txt}. */
  ABSOLUTE_PATH(true),
  /** A file named {@code ..\..\..\tmp\plinth-escape.txt} (Windows separators). */
  BACKSLASH_TRAVERSAL(true),
  /** A symlink {@code escape -> /tmp}, then a file {@code escape/plinth-escape.txt} through it. */
  SYMLINK_ESCAPE(true),
  /** A hard link {@code passwd -> /etc/passwd} (tar only). */
  HARDLINK(false),
  /** A character device {@code dev/null} (1, 3) (tar only). */
  CHAR_DEVICE(false),
  /** A block device {@code dev/sda} (8, 0) (tar only). */
  BLOCK_DEVICE(false),
  /** A named pipe {@code pipe} (tar only). */
  FIFO(false),
  /** A file {@code bin/tool} with mode 04755 (setuid) and one with 02755 (setgid). */
  SETUID(true),
  /** {@code plugin.toml} twice, the second copy different. */
  DUPLICATE_ENTRY(true),
  /** {@code README.txt} and {@code readme.txt}: the same file on a case-insensitive disk. */
  CASE_COLLISION(true),
  /** A file name of 5000 bytes (the design's limit is 4096). */
  LONG_NAME(true),
  /** A file name holding a NUL byte, {@code evil.jar\0.txt} (zip only: tar ends names at NUL). */
  NUL_IN_NAME(false),
  /** One entry of 16 MiB of zeros: a compression ratio near 1000:1. */
  RATIO_BOMB(true),
  /** 20 000 empty files. */
  ENTRY_COUNT_BOMB(true);

  private final boolean zipToo;

  ArchiveAttack(boolean zipToo) {
    this.zipToo = zipToo;
  }

  /** Whether the attack can be written in this format ({@code JAR} counts as zip). */
  public boolean supports(BundleFormat format) {
    return switch (this) {
      case NUL_IN_NAME -> format != BundleFormat.TAR_GZ;
      default -> format == BundleFormat.TAR_GZ || zipToo;
    };
  }

  /** The plugin id of the archive written for this attack, e.g. {@code hostile_dot_dot_traversal}. */
  public String pluginId() {
    return "hostile_" + name().toLowerCase(Locale.ROOT);
  }
}
