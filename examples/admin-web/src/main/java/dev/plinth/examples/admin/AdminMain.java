package dev.plinth.examples.admin;

import dev.plinth.installer.catalog.CatalogSource;
import dev.plinth.installer.trust.TrustPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the example admin until interrupted:
 * {@code java -cp … dev.plinth.examples.admin.AdminMain --home DIR [--port N] [--github-api URL] --catalog SPEC…}
 * where each {@code SPEC} is a catalog source string form (an index URL, {@code github-index:URL},
 * {@code maven:URL#g:a}, {@code folder:PATH}). The trust policy is {@code <home>/trust.toml} when present.
 */
public final class AdminMain {
  private AdminMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path home = Path.of(".plinth-admin");
    int port = 8080;
    String github = null;
    List<CatalogSource> sources = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--home" -> home = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--github-api" -> github = value;
        case "--catalog" -> sources.add(CatalogSource.parse(value));
        default -> throw new IllegalArgumentException("unknown option: " + args[i]
            + " (use --home DIR --port N --github-api URL --catalog SPEC...)");
      }
      i++;
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("--catalog must be given at least once");
    }
    Path trustFile = home.resolve("trust.toml");
    TrustPolicy trust = Files.isRegularFile(trustFile) ? TrustPolicy.load(trustFile) : TrustPolicy.defaults();
    AdminHost host = AdminHost.open(home, sources, github, trust, port);
    Runtime.getRuntime().addShutdownHook(new Thread(host::close, "admin-shutdown"));
    System.out.println("Plinth admin at " + host.url() + " (Ctrl-C to stop)");
    new CountDownLatch(1).await();
  }
}
