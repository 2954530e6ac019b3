package dev.plinth.installer.catalog;

import java.util.List;

/** Reads what one catalog source offers. Throws {@link dev.plinth.installer.InstallException} when the source fails as a whole. */
interface SourceReader {
  /** The offers, and warnings for entries that were skipped. */
  Listing read();

  record Listing(List<Offer> offers, List<String> warnings) {
    public Listing {
      offers = List.copyOf(offers);
      warnings = List.copyOf(warnings);
    }
  }
}
