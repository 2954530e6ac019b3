package dev.plinth.installer.catalog;

import dev.plinth.installer.InstallErrorCode;
import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.HttpText;
import java.util.Map;

/** The errors a catalog source fails with. */
final class CatalogErrors {
  private CatalogErrors() {}

  static InstallException invalid(String source, String rule, String detail) {
    return new InstallException(InstallErrorCode.CATALOG_SOURCE_INVALID, Phase.RESOLVE,
        "catalog source " + rule + ": " + source + " (" + detail + ")",
        "Ask the maintainer of " + source + " to fix it, or remove it from the configured catalog sources.",
        Map.of("source", source, "detail", detail), null);
  }

  static InstallException status(HttpText t) {
    return new InstallException(InstallErrorCode.HTTP_ERROR, Phase.RESOLVE,
        "catalog source must answer 2xx: " + t.url() + " (HTTP " + t.status() + ")",
        "Check the URL and access rights; the other sources are still listed.",
        Map.of("url", t.url(), "status", t.status()), null);
  }

  static InstallException timeout(String source, long millis) {
    return new InstallException(InstallErrorCode.CATALOG_SOURCE_TIMEOUT, Phase.RESOLVE,
        "catalog source must answer within " + millis + " ms: " + source,
        "Check the network or the server of " + source + ", or raise PluginCatalog.builder().sourceTimeout(...).",
        Map.of("source", source, "timeoutMillis", millis), null);
  }
}
