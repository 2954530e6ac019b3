package dev.plinth.installer.extract;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Bounds on what one archive may expand to. The defaults suit plugin bundles (a few jars and
 * resources); raise them only for unusually large bundles. Immutable.
 *
 * @param maxEntries most entries (files, folders, anything) in one archive
 * @param maxEntryBytes largest uncompressed size of one file
 * @param maxTotalBytes largest uncompressed size of all files together
 * @param maxRatio largest uncompressed / compressed ratio, checked once {@code ratioFloorBytes}
 *     have been written (small, very compressible bundles are normal)
 * @param ratioFloorBytes uncompressed bytes after which {@code maxRatio} applies
 * @param maxNameLength longest entry name, in UTF-8 bytes
 */
@API(status = STABLE, since = "0.1")
public record ExtractionLimits(
    int maxEntries,
    long maxEntryBytes,
    long maxTotalBytes,
    double maxRatio,
    long ratioFloorBytes,
    int maxNameLength) {

  /** 10 000 entries, 256 MiB per file, 1 GiB in total, ratio 100 after 1 MiB, names up to 4096 bytes. */
  public static final ExtractionLimits DEFAULTS =
      new ExtractionLimits(10_000, 256L << 20, 1L << 30, 100.0, 1L << 20, 4096);

  public ExtractionLimits {
    positive("maxEntries", maxEntries);
    positive("maxEntryBytes", maxEntryBytes);
    positive("maxTotalBytes", maxTotalBytes);
    if (!(maxRatio >= 1.0)) {
      throw new IllegalArgumentException("maxRatio must be >= 1: " + maxRatio);
    }
    if (ratioFloorBytes < 0) {
      throw new IllegalArgumentException("ratioFloorBytes must be >= 0: " + ratioFloorBytes);
    }
    positive("maxNameLength", maxNameLength);
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0: " + value);
    }
  }

  public ExtractionLimits withMaxEntries(int value) {
    return new ExtractionLimits(value, maxEntryBytes, maxTotalBytes, maxRatio, ratioFloorBytes, maxNameLength);
  }

  public ExtractionLimits withMaxEntryBytes(long value) {
    return new ExtractionLimits(maxEntries, value, maxTotalBytes, maxRatio, ratioFloorBytes, maxNameLength);
  }

  public ExtractionLimits withMaxTotalBytes(long value) {
    return new ExtractionLimits(maxEntries, maxEntryBytes, value, maxRatio, ratioFloorBytes, maxNameLength);
  }

  public ExtractionLimits withMaxRatio(double value, long floorBytes) {
    return new ExtractionLimits(maxEntries, maxEntryBytes, maxTotalBytes, value, floorBytes, maxNameLength);
  }

  public ExtractionLimits withMaxNameLength(int value) {
    return new ExtractionLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxRatio, ratioFloorBytes, value);
  }
}
