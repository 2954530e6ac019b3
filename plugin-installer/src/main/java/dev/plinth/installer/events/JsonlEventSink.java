package dev.plinth.installer.events;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default event log: one JSON object per line in {@code events.jsonl}
 * ({@code {"type", "plugin", "version", "correlation_id", "time", "detail"}}), rotated by size to
 * {@code events.1.jsonl} … {@code events.<keep>.jsonl} (1 is the newest), and readable back with
 * {@link #read(EventQuery)} across the rotated files.
 *
 * <p>Thread-safe, and safe across processes (a host and the command line share one home): writes
 * are serialised per file within this JVM, every process appends with {@code O_APPEND}, and rotation
 * and {@link #read} hold an OS lock on {@code <file>.lock}, under which a writer checks the size
 * again, so two processes that both find the file full rotate it once. {@link #emit} never throws (a
 * failed write is logged). A line cut short by a crash is skipped on read, and the next write starts
 * on a fresh line.
 *
 * <p>Outside a {@link #batch()}, every event opens the file, appends one line and closes it. Inside
 * one, events from any thread go to one channel kept open in append mode until the outermost batch
 * closes: still one {@code write} per event, nothing buffered in this process, rotation by size (the
 * size read from the open file) as outside. The batch belongs to the file, so every sink on the same
 * file in this JVM writes through it, and rotation or {@link #dropUnreadableLines()} in this JVM
 * closes it first. If another process rotates the file during a batch, this one's lines go on
 * landing in the file it holds open, now {@code events.1.jsonl} (or older): no line is lost, and
 * {@link #read} still finds them across the rotated files, though out of time order with the
 * other process's lines; once that file is full the next line reopens the live file.
 */
@API(status = STABLE, since = "0.1")
public final class JsonlEventSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(JsonlEventSink.class);
  /** Writes lines: the streaming generator only, so emitting events loads no data binding. */
  private static final JsonFactory FACTORY = new JsonFactory();

  private static final Map<Path, LogFile> FILES = new ConcurrentHashMap<>();

  private final Path file;
  /** This file's state in this JVM, and the lock that serialises its writers. */
  private final LogFile lock;
  private final long maxBytes;
  private final int keep;
  private boolean checkedTail;

  private JsonlEventSink(Path file, long maxBytes, int keep) {
    this.file = file.toAbsolutePath().normalize();
    this.lock = FILES.computeIfAbsent(this.file, LogFile::new);
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  /** A sink on {@code file} (typically {@code <home>/events.jsonl}). */
  public static Builder builder(Path file) {
    return new Builder(file);
  }

  /** The live file. */
  public Path file() {
    return file;
  }

  @Override
  public void emit(PlinthEvent event) {
    synchronized (lock) {
      write(event);
    }
  }

  /**
   * Keeps the file open for the events emitted, from any thread, until the returned batch (and
   * every other batch open on this file) closes; see the class comment.
   */
  @Override
  public Batch batch() {
    synchronized (lock) {
      lock.openBatch();
    }
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        synchronized (lock) {
          lock.closeBatch();
        }
      }
    };
  }

  /** For tests: whether a batch holds the file open now. */
  boolean channelOpen() {
    synchronized (lock) {
      return lock.channelOpen();
    }
  }

  private void write(PlinthEvent event) {
    // An interrupt would close the channel under the write and lose the event: the interrupt is
    // the emitting thread's business, so it is set aside for the write and restored after.
    boolean interrupted = Thread.interrupted();
    try {
      byte[] line = toJsonLine(event);
      if (lock.inBatch()) {
        appendBatched(line);
      } else {
        appendOnce(line);
      }
    } catch (IOException | RuntimeException e) {
      lock.closeChannel(); // the next line of a batch reopens the file
      LOG.warn("cannot write event {} for {} to {}: {}", event.type(), event.pluginId(), file, e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void appendOnce(byte[] line) throws IOException {
    LogFile.createParent(file);
    long size = sizeOrZero();
    if (size > 0 && size + line.length > maxBytes) {
      rotateIfFull(line.length);
    } else {
      line = freshLine(line, size);
    }
    Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
  }

  private void appendBatched(byte[] line) throws IOException {
    FileChannel ch = lock.channel();
    long size = ch.size();
    if (size > 0 && size + line.length > maxBytes) {
      rotateIfFull(line.length); // closes the channel first
      ch = lock.channel();
    } else {
      line = freshLine(line, size);
    }
    lock.append(ch, line);
  }

  /** The line, after a newline when it is this sink's first and the file ends in a torn line. */
  private byte[] freshLine(byte[] line, long size) throws IOException {
    byte[] out = line;
    if (!checkedTail && size > 0 && !endsWithNewline()) {
      out = new byte[line.length + 1];
      out[0] = '\n';
      System.arraycopy(line, 0, out, 1, line.length);
    }
    checkedTail = true;
    return out;
  }

  /** The newest events matching {@code query}, oldest first, across the rotated files. */
  public List<PlinthEvent> read(EventQuery query) {
    synchronized (lock) {
      if (!Files.isDirectory(file.getParent())) {
        return List.of();
      }
      // Under the cross-process lock, so no other process rotates the files while they are read.
      try (FileChannel channel = lockChannel()) {
        channel.lock(); // released when the channel closes
        return readLocked(query);
      } catch (IOException e) {
        LOG.warn("cannot lock {} to read events: {}", lockFile(), e.toString());
        return readLocked(query);
      }
    }
  }

  /**
   * The 1-based numbers of the live file's lines that are not events: a line torn by a crash
   * mid-write, or damage from outside. Reading skips them; {@link #dropUnreadableLines()} removes
   * them. Empty when the file is missing or sound.
   */
  public List<Integer> unreadableLines() {
    synchronized (lock) {
      List<Integer> out = new java.util.ArrayList<>();
      if (!Files.isRegularFile(file)) {
        return out;
      }
      try (BufferedReader r = lenientReader(file)) {
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
          n++;
          if (!line.isBlank() && parse(line) == null) {
            out.add(n);
          }
        }
      } catch (IOException e) {
        // The file could not be read at all; line 0 says so.
        out.add(0);
      }
      return out;
    }
  }

  /**
   * Rewrites the live file without its unreadable lines (bytes that are not UTF-8 are replaced
   * before the lines are judged), through a temp file and an atomic rename, under the
   * cross-process lock. An event another process appends during the rewrite is lost, so run it on a
   * quiet home. Returns how many lines were dropped.
   *
   * @throws IOException when the file cannot be read or replaced
   */
  public int dropUnreadableLines() throws IOException {
    synchronized (lock) {
      if (!Files.isRegularFile(file)) {
        return 0;
      }
      try (FileChannel channel = lockChannel()) {
        channel.lock(); // released when the channel closes
        String text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        StringBuilder kept = new StringBuilder();
        int dropped = 0;
        for (String line : text.split("\n", -1)) {
          if (line.isBlank()) {
            continue;
          }
          if (parse(line) == null) {
            dropped++;
          } else {
            kept.append(line).append('\n');
          }
        }
        if (dropped > 0) {
          lock.closeChannel(); // a batch reopens the rewritten file, not the one replaced
          Path temp = file.resolveSibling("." + file.getFileName() + ".repair-" + System.nanoTime());
          Files.writeString(temp, kept, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return dropped;
      }
    }
  }

  /**
   * A reader that turns bytes which are not UTF-8 into U+FFFD instead of failing: a crash can cut
   * a line inside a multi-byte character, and that must cost that line only, not every later event.
   */
  private static BufferedReader lenientReader(Path f) throws IOException {
    return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8));
  }

  /**
   * Rotates under the cross-process lock, and only when the live file is still too full for the
   * incoming line: another process may have rotated it since this one looked.
   */
  private void rotateIfFull(int incoming) throws IOException {
    checkedTail = true;
    lock.closeChannel();
    try (FileChannel channel = lockChannel()) {
      channel.lock(); // released when the channel closes
      long size = sizeOrZero();
      if (size > 0 && size + incoming > maxBytes) {
        rotate();
      }
    }
  }

  private FileChannel lockChannel() throws IOException {
    return FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /** The file whose OS lock serialises rotation and reading among processes. */
  Path lockFile() {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /** The live file's size; 0 when it does not exist (yet, or because another process just moved it). */
  private long sizeOrZero() throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  private List<PlinthEvent> readLocked(EventQuery query) {
    Deque<PlinthEvent> window = new ArrayDeque<>();
    for (int i = keep; i >= 0; i--) {
      Path f = i == 0 ? file : rotated(i);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      try (BufferedReader r = lenientReader(f)) {
        String line;
        while ((line = r.readLine()) != null) {
          PlinthEvent e = parse(line);
          if (e != null && query.matches(e)) {
            window.addLast(e);
            if (window.size() > query.limit()) {
              window.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        LOG.warn("cannot read events from {}: {}", f, e.toString());
      }
    }
    return List.copyOf(window);
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(rotated(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(rotated(i))) {
        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep >= 1) {
      Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(file);
    }
  }

  private Path rotated(int i) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String rotatedName = dot < 0 ? name + "." + i : name.substring(0, dot) + "." + i + name.substring(dot);
    return file.resolveSibling(rotatedName);
  }

  private boolean endsWithNewline() throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long len = raf.length();
      if (len == 0) {
        return true;
      }
      raf.seek(len - 1);
      return raf.read() == '\n';
    }
  }

  /** One line of the log, newline included: written straight to bytes (no tree of the event first). */
  static byte[] toJsonLine(PlinthEvent e) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("type", e.type());
      g.writeStringField("plugin", e.pluginId());
      g.writeStringField("version", e.version());
      g.writeStringField("correlation_id", e.correlationId());
      g.writeStringField("time", InstantText.of(e.time()));
      g.writeFieldName("detail");
      writeValue(g, e.detail());
      g.writeEndObject();
    }
    buf.write('\n');
    return buf.toByteArray();
  }

  /**
   * A detail value: strings, numbers, booleans, null, maps and collections are written here, as
   * data binding writes them; any other value (a record, an array) is handed to data binding, which
   * is then loaded for the first time.
   */
  private static void writeValue(JsonGenerator g, @org.jspecify.annotations.Nullable Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Map<?, ?> m && m.keySet().stream().allMatch(String.class::isInstance)) {
      g.writeStartObject();
      for (Map.Entry<?, ?> en : m.entrySet()) {
        g.writeFieldName((String) en.getKey());
        writeValue(g, en.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof java.util.Collection<?> c) {
      g.writeStartArray();
      for (Object o : c) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      Binding.MAPPER.writeValue(g, v);
    }
  }

  /** Data binding, loaded when a line is read or a detail value needs it. */
  private static final class Binding {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};
  }

  private static @org.jspecify.annotations.Nullable PlinthEvent parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode n = Binding.MAPPER.readTree(line);
      Map<String, Object> detail = n.has("detail") ? Binding.MAPPER.convertValue(n.get("detail"), Binding.DETAIL) : Map.of();
      return new PlinthEvent(n.get("type").asText(), n.path("plugin").asText(""), n.path("version").asText(""),
          n.path("correlation_id").asText(""), Instant.parse(n.get("time").asText()),
          detail == null ? Map.of() : detail);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Configures a {@link JsonlEventSink}. Not thread-safe. */
  public static final class Builder {
    private final Path file;
    private long maxBytes = 10L * 1024 * 1024;
    private int keep = 5;

    private Builder(Path file) {
      this.file = requireNonNull(file, "file");
    }

    /** Rotate when the live file would grow past this many bytes. Default 10 MiB. */
    public Builder maxBytes(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBytes must be >= 1: " + value);
      }
      maxBytes = value;
      return this;
    }

    /** Rotated files to keep. Default 5. */
    public Builder keep(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("keep must be >= 0: " + value);
      }
      keep = value;
      return this;
    }

    public JsonlEventSink build() {
      return new JsonlEventSink(file, maxBytes, keep);
    }
  }
}
