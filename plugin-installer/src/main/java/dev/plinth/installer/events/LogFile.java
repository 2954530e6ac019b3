package dev.plinth.installer.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this JVM shares about one event log file, whichever {@link JsonlEventSink} writes it: the
 * monitor that serialises its writers, how many batches are open on it, and the channel they keep
 * open. Every method is called holding this object's monitor; it is the sink's lock.
 */
final class LogFile {
  private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);

  private final Path file;
  private int batches;
  private @Nullable FileChannel channel;

  LogFile(Path file) {
    this.file = file;
  }

  boolean inBatch() {
    return batches > 0;
  }

  void openBatch() {
    batches++;
  }

  /** Ends one batch; the outermost lets go of the channel. */
  void closeBatch() {
    if (batches > 0 && --batches == 0) {
      closeChannel();
    }
  }

  /** The batch's channel, opened (in append mode, creating the file and its folder) when it is not. */
  FileChannel channel() throws IOException {
    FileChannel ch = channel;
    if (ch == null || !ch.isOpen()) {
      createParent(file);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
      channel = ch;
    }
    return ch;
  }

  /** Appends the whole of {@code line} to the batch's channel: one {@code write} for a line of an event's size. */
  void append(FileChannel ch, byte[] line) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(line);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /**
   * Closes the batch's channel, if open: before the file is moved (rotation, repair) and when the
   * last batch ends. A batch that writes again reopens the live file.
   */
  void closeChannel() {
    FileChannel ch = channel;
    channel = null;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.warn("cannot close {}: {}", file, e.toString());
      }
    }
  }

  /** For tests: whether a batch holds the file open. */
  boolean channelOpen() {
    FileChannel ch = channel;
    return ch != null && ch.isOpen();
  }

  static void createParent(Path file) throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      // Checked, not created blindly: createDirectories learns that a folder exists from a failed
      // mkdir and an exception, and a boot writes several events per plugin.
      Files.createDirectories(file.getParent());
    }
  }
}
