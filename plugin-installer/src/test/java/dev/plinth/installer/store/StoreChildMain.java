package dev.plinth.installer.store;

import dev.plinth.api.HealthStatus;
import dev.plinth.installer.Activator;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.manifest.HostProfile;
import dev.plinth.manifest.PluginManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * A child JVM for the multi-process tests. Modes:
 * <ul>
 *   <li>{@code install <home> <source> <holdMs>}: installs once; prints {@code locked} once it is
 *       inside the transaction, holds the store for holdMs in the health phase, prints the outcome;
 *   <li>{@code halt <home> <source> <phase>}: installs and halts the JVM (no clean-up, no shutdown
 *       hooks) as {@code phase} starts;
 *   <li>{@code crash <home> <bundles> <seed>}: prints {@code warm}, waits for {@code go} on stdin,
 *       opens the store, prints {@code ready}, then installs,
 *       upgrades, downgrades, rolls back and uninstalls at random, forever, until killed;
 *   <li>{@code op <home> <bundles> <seed> <operation>}: like {@code crash}, but repeats one
 *       operation until killed: {@code upgrade} (alpha through the versions {@link
 *       OperationCrashTest} wrote, one newer version at a time), {@code rollback} (alpha back and
 *       forth between two kept versions), {@code uninstall} (install alpha and beta, uninstall
 *       both) or {@code lock} (installFromLock of {@code lock-a.json} and {@code lock-b.json} in turn).
 *   <li>{@code open <home> <action>}: opens the store and runs {@code list} or {@code enable}
 *       (alpha); prints {@code ok} or {@code error <CODE> <message>} for a Plinth error; any
 *       other exception escapes with its stack trace (the permission tests fail on that).
 * </ul>
 */
public final class StoreChildMain {
  private StoreChildMain() {}

  public static void main(String[] args) {
    Path home = Path.of(args[1]);
    switch (args[0]) {
      case "install" -> install(home, args[2], Long.parseLong(args[3]));
      case "halt" -> halt(home, args[2], Phase.valueOf(args[3]));
      case "crash" -> crash(home, Path.of(args[2]), Long.parseLong(args[3]));
      case "op" -> operation(home, Path.of(args[2]), Long.parseLong(args[3]), args[4]);
      case "open" -> open(home, args[2]);
      default -> throw new IllegalArgumentException("mode unknown: " + args[0]);
    }
  }

  private static PluginStoreBuilder builder(Path home) {
    return PluginStore.builder().home(home).stager(new FolderStager())
        .hostProfile(() -> HostProfile.of("test-host", "1.0.0"));
  }

  private static void install(Path home, String source, long holdMs) {
    Activator slow = new Activator() {
      @Override
      public void activate(PluginManifest manifest, Path versionDir) {
        System.out.println("locked");
        System.out.flush();
      }

      @Override
      public HealthStatus health(String pluginId, Duration timeout) throws Exception {
        Thread.sleep(holdMs);
        return HealthStatus.healthy();
      }
    };
    PluginStore store = builder(home).activator(slow).healthTimeout(Duration.ofMinutes(1)).build();
    InstallOutcome o = store.install(InstallRequest.of(source));
    System.out.println("outcome " + o.getClass().getSimpleName());
    System.out.flush();
  }

  private static void halt(Path home, String source, Phase phase) {
    PluginStore store = builder(home).faultInjector((p, subject) -> {
      if (p == phase) {
        System.out.flush();
        Runtime.getRuntime().halt(77);
      }
    }).build();
    store.install(InstallRequest.of(source).withEnable(true).withAcknowledgePermissions(true));
    System.out.println("not halted");
  }

  /** Loads the classes a transaction needs, says "warm", and waits for "go"; false when told to stop. */
  private static boolean warmAndWait() {
    Json.bytes(new PluginState(true, null, null));
    Versions.compare("1.0.0", "1.1.0");
    System.out.println("warm");
    System.out.flush();
    try {
      return "go".equals(new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
          java.nio.charset.StandardCharsets.UTF_8)).readLine());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void operation(Path home, Path bundles, long seed, String operation) {
    Random random = new Random(seed);
    if (!warmAndWait()) {
      return;
    }
    // Unloading takes the runtime a moment; without it an uninstall is too quick for a random kill
    // to land inside it often enough to count.
    Activator unloading = new Activator() {
      @Override
      public void deactivate(String pluginId) throws Exception {
        Thread.sleep(random.nextInt(30));
      }
    };
    PluginStore store = builder(home).activator(unloading).retention(2).build();
    java.util.function.Function<String, InstallRequest> alpha = v ->
        InstallRequest.of(bundles.resolve("alpha-" + v).toString()).withAllowDowngrade(true);
    // Set up before "ready", so the kill's random moment falls on the operation under test.
    if (operation.equals("rollback") && store.info("alpha").map(i -> i.versions().size()).orElse(0) < 2) {
      store.install(alpha.apply("1.0.0"));
      store.install(alpha.apply("1.1.0"));
    }
    if (operation.equals("uninstall")) {
      logFailure(store.install(alpha.apply("1.0.0")));
      logFailure(store.install(InstallRequest.of(bundles.resolve("beta-1.0.0").toString())));
    }
    System.out.println("ready");
    System.out.flush();
    while (true) {
      switch (operation) {
        case "upgrade" -> {
          int next = store.info("alpha").flatMap(i -> java.util.Optional.ofNullable(i.currentVersion()))
              .map(v -> Integer.parseInt(v.split("\\.")[1]) + 1).orElse(0);
          if (next >= OperationCrashTest.UPGRADE_VERSIONS) {
            store.uninstall("alpha", false, true);
          } else {
            store.install(alpha.apply("1." + next + ".0").withEnable(random.nextBoolean()));
          }
        }
        case "rollback" -> store.rollback("alpha");
        case "uninstall" -> {
          logFailure(store.uninstall("beta", random.nextBoolean(), false));
          logFailure(store.uninstall("alpha", random.nextBoolean(), false));
          logFailure(store.install(alpha.apply("1.0.0")));
          logFailure(store.install(InstallRequest.of(bundles.resolve("beta-1.0.0").toString())));
        }
        case "lock" -> {
          store.installFromLock(bundles.resolve("lock-a.json"));
          store.installFromLock(bundles.resolve("lock-b.json"));
        }
        default -> throw new IllegalArgumentException("operation unknown: " + operation);
      }
    }
  }

  private static void open(Path home, String action) {
    try {
      PluginStore store = builder(home).build();
      if (action.equals("enable")) {
        store.updateState("alpha", st -> st.withEnabled(true));
      } else {
        store.list();
      }
      System.out.println("ok");
    } catch (dev.plinth.api.PlinthException e) {
      System.out.println("error " + e.code().code() + " " + e.getMessage() + " | next step: " + e.nextStep());
    }
    System.out.flush();
  }

  /** A failed step goes to standard error (the crash tests' children.log). */
  private static void logFailure(InstallOutcome o) {
    if (o instanceof InstallOutcome.Failed || o instanceof InstallOutcome.RolledBack) {
      System.err.println("child step failed: " + o);
    }
  }

  private static void crash(Path home, Path bundles, long seed) {
    Random random = new Random(seed);
    Phase[] phases = Phase.values();
    FaultInjector faults = (p, subject) -> {
      if (random.nextInt(40) == 0) {
        throw FaultInjector.injected(p, subject);
      }
    };
    // Load the classes a transaction needs, then wait for the parent: it starts the next child
    // while the current one runs, so JVM start-up is off the crash loop's critical path.
    Json.bytes(new PluginState(true, null, null));
    Versions.compare("1.0.0", "1.1.0");
    System.out.println("warm");
    System.out.flush();
    try {
      if (!"go".equals(new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine())) {
        return;
      }
    } catch (java.io.IOException e) {
      return;
    }
    PluginStore store = builder(home).faultInjector(faults).retention(2).build();
    System.out.println("ready");
    System.out.flush();
    List<String> alpha = List.of("1.0.0", "1.1.0", "2.0.0");
    while (true) {
      int op = random.nextInt(10);
      if (op < 5) {
        String v = alpha.get(random.nextInt(alpha.size()));
        store.install(InstallRequest.of(bundles.resolve("alpha-" + v).toString()).withAllowDowngrade(true)
            .withEnable(random.nextBoolean()));
      } else if (op < 7) {
        store.install(InstallRequest.of(bundles.resolve("beta-1.0.0").toString()));
      } else if (op == 7) {
        store.rollback("alpha");
      } else if (op == 8) {
        store.uninstall("beta", random.nextBoolean(), false);
      } else {
        store.uninstall("alpha", false, true);
      }
      if (phases.length == 0) {
        return;
      }
    }
  }
}
