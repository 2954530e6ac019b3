package dev.plinth.examples.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.catalog.CatalogSource;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.installer.trust.TrustPolicy;
import dev.plinth.testkit.bundle.BuiltBundle;
import dev.plinth.testkit.bundle.PluginBundle;
import dev.plinth.testkit.bundle.PluginBundleBuilder;
import dev.plinth.testkit.server.Fault;
import dev.plinth.testkit.server.ReleaseServer;
import dev.plinth.testkit.signing.CosignTestKey;
import dev.plinth.testkit.signing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real headless Chromium, against a real catalog on a loopback release server:
 * the failed source's banner, trust and compatibility badges, an upgrade whose phases advance live,
 * an install that fails and is rolled back, an operator's roll back, and the doctor view.
 * Screenshots go to {@code target/screenshots/}.
 */
class AdminBrowserTest {
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir Path temp;
  ReleaseServer server;
  AdminHost host;
  ChromeDriver browser;
  String flaky;

  @BeforeEach
  void setUp() throws Exception {
    Browsers.assumeInstalled();
    server = ReleaseServer.start();
    CosignTestKey author = TestKeys.ecdsaP256();
    author.writePem(temp.resolve("author.pub"));
    Path trustFile = temp.resolve("trust.toml");
    Files.writeString(trustFile, """
        default_mode = "warn"
        [[authors]]
        name = "acme"
        plugins = ["acme_hello"]
        keys = ["author.pub"]
        """);
    String hello = "package com.acme.hello; public class Hello implements dev.plinth.api.Plugin {}";
    String broken = """
        package com.acme.broken;
        public class Broken implements dev.plinth.api.Plugin {
          public void start(dev.plinth.api.PluginContext context) {
            throw new IllegalStateException("no database configured");
          }
        }
        """;
    String index = server.publishCatalog("/index.json", List.of(
        server.catalogEntry(bundle("acme_hello", "1.0.0", ">=1.0.0 <2.0.0", "com.acme.hello.Hello", hello).signWith(author)
            .writeTarGz(temp.resolve("b/hello-1.0.0")), "Says hello"),
        server.catalogEntry(bundle("acme_hello", "1.1.0", ">=1.0.0 <2.0.0", "com.acme.hello.Hello", hello).signWith(author)
            .writeTarGz(temp.resolve("b/hello-1.1.0")), "Says hello, faster"),
        server.catalogEntry(bundle("acme_broken", "1.0.0", ">=1.0.0", "com.acme.broken.Broken", broken)
            .writeTarGz(temp.resolve("b/broken")), "Fails to start"),
        server.catalogEntry(bundle("acme_future", "1.0.0", ">=5.0.0", "com.acme.hello.Hello", hello)
            .writeTarGz(temp.resolve("b/future")), "Needs a newer host")));
    flaky = server.publishFile("/flaky.json", "<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8), "text/html");

    host = AdminHost.open(temp.resolve("home"), List.of(CatalogSource.parse(index), CatalogSource.parse(flaky)), null,
        TrustPolicy.load(trustFile), 0);
    InstallOutcome first = host.system().install(InstallRequest.of("catalog:acme_hello@=1.0.0").withEnable(true));
    assertThat(first).isInstanceOf(InstallOutcome.Installed.class);
    browser = Browsers.headlessChromium(temp.resolve("chromium-profile"));
  }

  private static PluginBundleBuilder bundle(String id, String version, String hostRange, String entry, String source) {
    return PluginBundle.builder(id, version).name(id.replace('_', ' ')).engine(hostRange, "^1.0", ">=17")
        .pluginClass(entry).source(entry, source);
  }

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.quit();
    }
    if (host != null) {
      host.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void adminPage_installUpgradeFailureAndRollback_phasesOutcomesBannerAndDoctorShown() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    browser.get(host.url());
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-ready]")));
    screenshot("01-catalog");

    WebElement banner = browser.findElement(By.id("banner"));
    assertThat(banner.isDisplayed()).isTrue();
    assertThat(banner.findElement(By.cssSelector(".failed-source")).getAttribute("data-code")).isEqualTo("CATALOG_SOURCE_INVALID");
    assertThat(banner.getText()).contains(flaky);
    assertThat(badge("acme_hello", "trust")).isEqualTo("known_key");
    assertThat(badge("acme_hello", "compat")).isEqualTo("compatible");
    assertThat(badge("acme_broken", "trust")).isEqualTo("unsigned");
    assertThat(badge("acme_future", "compat")).isEqualTo("incompatible");
    assertThat(row("acme_future").findElement(By.cssSelector("button.install")).isEnabled()).isFalse();
    assertThat(row("acme_hello").findElement(By.cssSelector(".installed")).getText()).contains("1.0.0").contains("update available");

    // the archive dribbles in over three seconds, so the page shows the download while it runs
    server.inject(".*/acme_hello/1\\.1\\.0/.*\\.tar\\.gz", Fault.slowBody(6, Duration.ofSeconds(3)));
    row("acme_hello").findElement(By.cssSelector("button.install")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#phases li[data-phase='download'].started")));
    assertThat(browser.findElements(By.cssSelector("#phases li[data-phase='commit']"))).isEmpty();
    screenshot("02-upgrade-downloading");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#outcome[data-outcome='Upgraded']")));
    assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Upgraded acme_hello from 1.0.0 to 1.1.0.");
    List<String> phases = browser.findElements(By.cssSelector("#phases li")).stream().map(e -> e.getAttribute("data-phase")).toList();
    assertThat(phases).containsSubsequence("resolve", "preflight", "download", "verify", "extract", "activate", "commit");
    assertThat(browser.findElements(By.cssSelector("#phases li.started"))).isEmpty();
    waitForInstalled(wait, "acme_hello", "1.1.0");
    screenshot("03-upgraded");

    row("acme_broken").findElement(By.cssSelector("button.install")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#outcome[data-outcome='RolledBack']")));
    String rolledBack = browser.findElement(By.id("outcome")).getText();
    assertThat(rolledBack).startsWith("Install of acme_broken failed in phase").contains("rolled back").contains("no database configured");
    assertThat(browser.findElements(By.cssSelector("#phases li.failed"))).hasSize(1);
    assertThat(rolledBack).contains("phase " + browser.findElement(By.cssSelector("#phases li.failed")).getAttribute("data-phase"));
    screenshot("04-failed-install-rolled-back");

    waitForRefresh(wait);
    row("acme_hello").findElement(By.cssSelector("button.rollback")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#outcome[data-outcome='Reverted']")));
    assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("Rolled back acme_hello from 1.1.0 to 1.0.0.");
    waitForInstalled(wait, "acme_hello", "1.0.0");
    assertThat(host.system().info("acme_hello").orElseThrow().currentVersion()).isEqualTo("1.0.0");
    assertThat(host.system().info("acme_broken")).isEmpty();

    String doctor = browser.findElement(By.id("doctor-text")).getText();
    assertThat(doctor).contains("acme_hello");
    assertThat(browser.findElement(By.id("doctor-health")).getAttribute("data-healthy")).isIn("true", "false");
    screenshot("05-rolled-back-and-doctor");
  }

  private WebElement row(String id) {
    return browser.findElement(By.cssSelector("tr[data-plugin-id='" + id + "']"));
  }

  private String badge(String id, String column) {
    return row(id).findElement(By.cssSelector("td." + column + " .badge")).getAttribute("data-value");
  }

  private void waitForInstalled(WebDriverWait wait, String id, String version) {
    wait.until(d -> d.findElement(By.cssSelector("tr[data-plugin-id='" + id + "'] .installed")).getText().startsWith(version));
  }

  private void waitForRefresh(WebDriverWait wait) {
    String before = browser.findElement(By.tagName("body")).getAttribute("data-ready");
    wait.until(d -> !d.findElement(By.tagName("body")).getAttribute("data-ready").equals(before)
        || d.findElements(By.cssSelector("tr[data-plugin-id='acme_hello'] button.rollback")).size() == 1);
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
