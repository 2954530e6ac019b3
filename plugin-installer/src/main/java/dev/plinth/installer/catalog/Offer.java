package dev.plinth.installer.catalog;

import static java.util.Objects.requireNonNull;

import dev.plinth.installer.trust.SignatureMaterial;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One plugin version a source offers, before it is judged: what the source itself says.
 *
 * @param manifestToml the manifest when the source serves it apart from the archive, else null
 * @param signatures the kinds of signature material published with the archive
 */
record Offer(String id, String name, String description, String version, String installSource,
    @Nullable String manifestToml, Set<SignatureMaterial.Kind> signatures) {
  Offer {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(version, "version");
    requireNonNull(installSource, "installSource");
    signatures = Set.copyOf(signatures);
  }
}
