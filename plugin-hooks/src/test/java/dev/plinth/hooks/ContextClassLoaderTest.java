package dev.plinth.hooks;

import static dev.plinth.hooks.TestPoints.HELLO;
import static dev.plinth.hooks.TestPoints.OBSERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.api.hook.ExecutionMode;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.TestPoints.Msg;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContextClassLoaderTest {
  @TempDir Path dirA;
  @TempDir Path dirB;
  private URLClassLoader loaderA;
  private URLClassLoader loaderB;
  private HookDispatcher dispatcher;

  /** What a handler saw: its context loader, the marker it could read through it, and its thread. */
  record Seen(ClassLoader loader, String marker, Thread thread) {}

  @BeforeEach
  void loaders() throws IOException {
    Files.writeString(dirA.resolve("plinth-marker.txt"), "plugin-a");
    Files.writeString(dirB.resolve("plinth-marker.txt"), "plugin-b");
    ClassLoader parent = ClassLoader.getPlatformClassLoader();
    loaderA = new URLClassLoader("plugin-a", new URL[] {dirA.toUri().toURL()}, parent);
    loaderB = new URLClassLoader("plugin-b", new URL[] {dirB.toUri().toURL()}, parent);
  }

  @AfterEach
  void close() throws IOException {
    if (dispatcher != null) {
      dispatcher.close();
    }
    loaderA.close();
    loaderB.close();
  }

  private static HookHandler<Msg> recorder(List<Seen> seen, boolean fail) {
    return ctx -> {
      ClassLoader tccl = Thread.currentThread().getContextClassLoader();
      try (var in = tccl.getResourceAsStream("plinth-marker.txt")) {
        seen.add(new Seen(tccl, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
            Thread.currentThread()));
      }
      if (fail) {
        throw new IllegalStateException("after recording");
      }
      return HookResult.unchanged();
    };
  }

  @ParameterizedTest(name = "mode={0} virtualThreads={1} failing={2}")
  @CsvSource({
    "INLINE, true, false", "INLINE, true, true",
    "ISOLATED, true, false", "ISOLATED, false, false", "ISOLATED, false, true"
  })
  void handlerCall_setsPluginLoaderAsContextLoader_andRestoresIt(
      ExecutionMode mode, boolean virtual, boolean failing) throws Exception {
    dispatcher = HookDispatcher.builder().virtualThreads(virtual).build();
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HookOptions options = HookOptions.DEFAULTS.withMode(mode);
    dispatcher.registry().register(new HandlerSpec<>("plugin_a", loaderA, OBSERVE, options.withPriority(2),
        recorder(seen, failing)));
    dispatcher.registry().register(new HandlerSpec<>("plugin_b", loaderB, OBSERVE, options.withPriority(1),
        recorder(seen, failing)));
    ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();

    DispatchResult<Msg> r = dispatcher.dispatch(OBSERVE, HELLO);

    assertThat(r.receipts()).extracting(HookReceipt::status)
        .containsOnly(failing ? ReceiptStatus.ERROR : ReceiptStatus.OK);
    assertThat(seen).extracting(Seen::loader).containsExactly(loaderA, loaderB);
    assertThat(seen).extracting(Seen::marker).containsExactly("plugin-a", "plugin-b");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callerLoader);
    for (Seen s : seen) {
      // Inline ran here; isolated threads (pooled or virtual) are handed back with their own loader.
      assertThat(s.thread().getContextClassLoader()).isNotIn(loaderA, loaderB);
    }
  }
}
