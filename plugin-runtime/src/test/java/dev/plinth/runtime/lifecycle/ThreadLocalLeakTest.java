package dev.plinth.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.runtime.Sources;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.testhost.spi.Greeter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin code that runs on a host thread (an extension call, an inline hook) and leaves a value in a
 * thread-local keeps its loader alive for as long as that thread lives. The leak report names the
 * thread and the value's class when the JVM lets Plinth read thread-locals ({@code --add-opens
 * java.base/java.lang=ALL-UNNAMED}), and says it could not look otherwise. Each case runs in a
 * child JVM (see {@link ThreadLocalChildMain}).
 */
class ThreadLocalLeakTest {
  @TempDir Path root;

  private Path stickyBundle() throws Exception {
    return TestBundles.bundle(root.resolve("plugins"), "sticky", "1.0.0", TestBundles.jar("sticky.jar")
        .source("com.sticky.Entry", Sources.noop("com.sticky.Entry"))
        .plugin("com.sticky.Entry")
        .source("com.sticky.StickyGreeter", """
            package com.sticky;
            public class StickyGreeter implements dev.plinth.runtime.testhost.spi.Greeter {
              static final ThreadLocal<Object> LAST = new ThreadLocal<>();
              public String greet(String name) { LAST.set(new Memo(name)); return "hi " + name; }
            }
            final class Memo {
              final String name;
              Memo(String name) { this.name = name; }
            }
            """)
        .service(Greeter.class.getName(), "com.sticky.StickyGreeter"));
  }

  private String child(Path bundle, String... jvmOptions) throws Exception {
    String out = ChildJvm.run(ThreadLocalChildMain.class, List.of(jvmOptions), root.resolve("child").toString(), bundle.toString());
    assertThat(out).as("child output").contains("greeting=hi host");
    return out;
  }

  @Test
  void unload_pluginLeftThreadLocalOnHostThread_javaLangOpened_reportNamesThreadAndValue() throws Exception {
    String out = child(stickyBundle(), "--add-opens", "java.base/java.lang=ALL-UNNAMED");

    assertThat(out).contains("leak=true", "inspected=true", "locals=[host-request-1]",
        "detail=a thread-local of this thread holds a com.sticky.Memo of the plugin");
  }

  @Test
  void unload_pluginLeftThreadLocalOnHostThread_javaLangClosed_reportSaysNotInspected() throws Exception {
    String out = child(stickyBundle());

    assertThat(out).contains("leak=true", "inspected=false", "locals=[]");
  }
}
