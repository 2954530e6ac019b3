package dev.plinth.runtime.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plinth.api.HttpAccess;
import dev.plinth.api.PermissionDeniedException;
import dev.plinth.api.PluginDescriptor;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookOptions;
import dev.plinth.api.hook.HookPoint;
import dev.plinth.api.hook.HookRegistrar;
import dev.plinth.api.hook.HookRegistration;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.manifest.PluginManifest;
import dev.plinth.runtime.PluginRuntimeException;
import dev.plinth.runtime.RecordingSink;
import dev.plinth.runtime.RuntimeErrorCode;
import dev.plinth.runtime.TestBundles;
import dev.plinth.runtime.events.RuntimeEvents;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundaryContextTest {
  private final RecordingSink sink = new RecordingSink();
  private final List<String> registrarsFor = new ArrayList<>();
  private HttpServer server;
  private int port;
  /** A second declared origin: the same host, another port. */
  private HttpServer other;
  private int otherPort;

  @TempDir Path root;

  interface Clock2 {
    long now();
  }

  interface AdminApi {
    String shutdown();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hello", ex -> {
      byte[] body = "hello plugin".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/bounce", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + port + "/hello");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/hop", ex -> {
      ex.getResponseHeaders().add("Location", "/hello");
      ex.sendResponseHeaders(302, -1);
      ex.close();
    });
    server.createContext("/echo", BoundaryContextTest::echo);
    server.createContext("/see-other", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Location", "/echo");
      ex.sendResponseHeaders(303, -1);
      ex.close();
    });
    server.createContext("/temporary", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Location", "/echo");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    server.createContext("/elsewhere", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + otherPort + "/echo");
      ex.sendResponseHeaders(307, -1);
      ex.close();
    });
    server.start();
    port = server.getAddress().getPort();
    other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/echo", BoundaryContextTest::echo);
    other.start();
    otherPort = other.getAddress().getPort();
  }

  /** Answers with the request's method, body and Authorization header. */
  private static void echo(HttpExchange ex) throws IOException {
    String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
    byte[] body = (ex.getRequestMethod() + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
        + " auth=" + auth).getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    other.stop(0);
  }

  private BoundaryContext context(PluginManifest m) {
    HookWiring wiring = new HookWiring() {
      @Override
      public HookRegistrar registrar(PluginDescriptor plugin) {
        registrarsFor.add(plugin.id());
        return new HookRegistrar() {
          @Override
          public <T> HookRegistration register(HookPoint<T> point, HookOptions options, HookHandler<T> handler) {
            throw new UnsupportedOperationException("not used");
          }
        };
      }

      @Override
      public void unregisterAll(String pluginId) {}
    };
    PluginContextFactory factory = PluginContextFactory.builder()
        .events(sink)
        .secrets((plugin, key) -> key.equals("ACME_API_KEY") ? Optional.of(plugin + "-secret") : Optional.empty())
        .services(HostServices.builder()
            .add(Clock2.class, () -> 42L)
            .addRestricted(AdminApi.class, () -> "bye", Set.of("ops_plugin"))
            .build())
        .hooks(wiring)
        .build();
    return factory.create(m, root.resolve("data").resolve(m.id()), Map.of("greeting", "hi"), "corr-ctx");
  }

  private PluginManifest acme() {
    return TestBundles.manifest("acme", "1.2.0").secrets("ACME_API_KEY").network("127.0.0.1", "*.acme.io").build();
  }

  private void assertDenied(Runnable call, String permission, String value) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
      assertThat(e.permission()).isEqualTo(permission);
      assertThat(e.value()).isEqualTo(value);
      assertThat(e.pluginId()).isEqualTo("acme");
    });
    PlinthEvent last = sink.ofType(RuntimeEvents.PERMISSION_DENIED).get(sink.ofType(RuntimeEvents.PERMISSION_DENIED).size() - 1);
    assertThat(last.pluginId()).isEqualTo("acme");
    assertThat(last.version()).isEqualTo("1.2.0");
    assertThat(last.correlationId()).isEqualTo("corr-ctx");
    assertThat(last.detail()).containsEntry("permission", permission).containsEntry("value", value);
  }

  @Test
  void secrets_declaredKey_comesFromProvider() {
    assertThat(context(acme()).secrets().get("ACME_API_KEY")).contains("acme-secret");
    assertThat(sink.all()).isEmpty();
  }

  @Test
  void secrets_undeclaredKey_isDeniedWithEvent() {
    BoundaryContext ctx = context(acme());
    assertDenied(() -> ctx.secrets().get("AWS_SECRET"), "secrets", "AWS_SECRET");
  }

  @Test
  void http_declaredLoopbackHost_getsRealResponse() throws Exception {
    HttpAccess.Response r = context(acme()).http().send(HttpAccess.Request.get(URI.create("http://127.0.0.1:" + port + "/hello")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("hello plugin");
  }

  @Test
  void http_relativeRedirectOnDeclaredHost_isFollowed() throws Exception {
    HttpAccess.Response r = context(acme()).http().send(HttpAccess.Request.get(URI.create("http://127.0.0.1:" + port + "/hop")));

    assertThat(r.status()).isEqualTo(200);
  }

  private static String post(BoundaryContext ctx, String uri, String body, boolean withToken) throws Exception {
    HttpAccess.Response r = ctx.http().send(new HttpAccess.Request("POST", URI.create(uri),
        withToken ? Map.of("Authorization", List.of("Bearer t0ken")) : Map.of(), body.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void http_postWithBodyAndRedirects_methodsBodiesAndCredentialsAsBrowsersDo() throws Exception {
    BoundaryContext ctx = context(acme());
    String base = "http://127.0.0.1:" + port;

    assertThat(post(ctx, base + "/echo", "{\"a\":1}", true)).isEqualTo("POST {\"a\":1} auth=Bearer t0ken");
    assertThat(post(ctx, base + "/see-other", "form", true)).as("303: GET without body").isEqualTo("GET  auth=Bearer t0ken");
    assertThat(post(ctx, base + "/temporary", "form", true)).as("307: same method and body")
        .isEqualTo("POST form auth=Bearer t0ken");
    assertThat(post(ctx, base + "/elsewhere", "form", true)).as("another origin: no credentials")
        .isEqualTo("POST form auth=null");
  }

  @Test
  void http_undeclaredHost_isDeniedWithEvent() {
    BoundaryContext ctx = context(acme());
    assertDenied(() -> send(ctx, "http://localhost:" + port + "/hello"), "network", "localhost");
  }

  @Test
  void http_redirectToUndeclaredHost_isDenied() {
    BoundaryContext ctx = context(acme());
    assertDenied(() -> send(ctx, "http://127.0.0.1:" + port + "/bounce"), "network", "localhost");
  }

  @Test
  void isAllowed_wildcard_matchesSubdomainsOnly() {
    HttpAccess http = context(acme()).http();

    assertThat(http.isAllowed(URI.create("https://api.acme.io/x"))).isTrue();
    assertThat(http.isAllowed(URI.create("https://a.b.ACME.io/x"))).isTrue();
    assertThat(http.isAllowed(URI.create("https://acme.io/x"))).isFalse();
    assertThat(http.isAllowed(URI.create("https://evilacme.io/x"))).isFalse();
    assertThat(http.isAllowed(URI.create("ftp://api.acme.io/x"))).isFalse();
  }

  private static void send(BoundaryContext ctx, String uri) {
    try {
      ctx.http().send(HttpAccess.Request.get(URI.create(uri)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void files_pathInsideDataFolder_resolves() throws Exception {
    BoundaryContext ctx = context(acme());
    Path p = ctx.files().resolve("cache/state.json");

    assertThat(p).isEqualTo(root.resolve("data/acme/cache/state.json").toAbsolutePath().normalize());
    assertThat(Files.isDirectory(ctx.files().root())).isTrue();
  }

  @Test
  void files_escapes_areDeniedWithEvent() {
    BoundaryContext ctx = context(acme());
    assertDenied(() -> ctx.files().resolve("../other/x"), "filesystem", "../other/x");
    assertDenied(() -> ctx.files().resolve("/etc/passwd"), "filesystem", "/etc/passwd");
    assertDenied(() -> ctx.files().resolve("a/../../x"), "filesystem", "a/../../x");
  }

  @Test
  void files_symlinkLeavingDataFolder_isDenied() throws Exception {
    BoundaryContext ctx = context(acme());
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.createSymbolicLink(ctx.files().root().resolve("link"), outside);
    Files.createSymbolicLink(ctx.files().root().resolve("dangling"), root.resolve("nowhere"));

    assertDenied(() -> ctx.files().resolve("link/stolen.txt"), "filesystem", "link/stolen.txt");
    assertDenied(() -> ctx.files().resolve("dangling"), "filesystem", "dangling");
  }

  @Test
  void service_openRestrictedAndAbsent_behaveAsDeclared() {
    BoundaryContext ctx = context(acme());

    assertThat(ctx.service(Clock2.class)).hasValueSatisfying(c -> assertThat(c.now()).isEqualTo(42L));
    assertThat(ctx.service(Runnable.class)).isEmpty();
    assertDenied(() -> ctx.service(AdminApi.class), "services", AdminApi.class.getName());
  }

  @Test
  void configAndHooks_comeFromHostSeams() {
    BoundaryContext ctx = context(acme());

    assertThat(ctx.config().getString("greeting")).contains("hi");
    assertThat(ctx.hooks()).isSameAs(ctx.hooks());
    assertThat(registrarsFor).containsExactly("acme");
    assertThat(ctx.descriptor().id()).isEqualTo("acme");
  }

  @Test
  void close_laterUse_failsWithContextClosed() {
    BoundaryContext ctx = context(acme());
    ctx.close();

    assertThatThrownBy(() -> ctx.secrets()).isInstanceOfSatisfying(PluginRuntimeException.class, e -> {
      assertThat(e.code()).isEqualTo(RuntimeErrorCode.CONTEXT_CLOSED);
      assertThat(e.getMessage()).isEqualTo("plugin context must not be used after stop: acme");
    });
    assertThat(ctx.descriptor().id()).isEqualTo("acme");
  }

  @Test
  void noHookWiring_registration_failsWithHookPointUnknown() {
    HookRegistrar r = HookWiring.NONE.registrar(PluginDescriptor.of("acme", "1.0.0"));
    HookPoint<String> point = HookPoint.builder("tool.pre_exec", String.class).build();

    assertThatThrownBy(() -> r.register(point, ctx -> dev.plinth.api.hook.HookResult.unchanged()))
        .isInstanceOfSatisfying(dev.plinth.api.PlinthException.class,
            e -> assertThat(e.code().code()).isEqualTo("HOOK_POINT_UNKNOWN"));
  }
}
