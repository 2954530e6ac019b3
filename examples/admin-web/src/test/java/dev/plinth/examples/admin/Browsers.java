package dev.plinth.examples.admin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the system's Chromium through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}). Both paths are given explicitly, so Selenium Manager never looks for,
 * let alone downloads, a driver or a browser. Where they are missing the browser tests are skipped,
 * unless {@code PLINTH_REQUIRE_BROWSER=1} (CI sets it after installing them) makes that a failure.
 */
final class Browsers {
  static final Path CHROMIUM = Path.of(System.getProperty("plinth.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("plinth.chromedriver", "/usr/bin/chromedriver"));

  private Browsers() {}

  static void assumeInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "1".equals(System.getenv("PLINTH_REQUIRE_BROWSER"))) {
      throw new AssertionError("chromium and chromedriver must be installed: " + CHROMIUM + ", " + CHROMEDRIVER
          + " (apt-get install -y chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "chromium and chromedriver not installed: " + CHROMIUM + ", " + CHROMEDRIVER);
  }

  static ChromeDriver headlessChromium(Path profile) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(60))
        .build();
    return new ChromeDriver(service, options);
  }
}
