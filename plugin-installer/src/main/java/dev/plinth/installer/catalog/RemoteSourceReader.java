package dev.plinth.installer.catalog;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpText;
import dev.plinth.installer.pipeline.Pipeline;
import dev.plinth.installer.source.ResolvedArtifact;
import dev.plinth.installer.trust.SignatureMaterial;
import dev.plinth.manifest.ManifestParser;
import dev.plinth.manifest.PluginManifest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns install sources ({@code github:owner/repo}, {@code maven:g:a:v}) into offers through the
 * installer's own resolve phase, so the catalog shows what an install would fetch. One entry that
 * fails becomes a warning; the source fails only when every entry does.
 */
final class RemoteSourceReader {
  private final Pipeline pipeline;
  private final Downloader downloader;

  RemoteSourceReader(Pipeline pipeline, Downloader downloader) {
    this.pipeline = pipeline;
    this.downloader = downloader;
  }

  /** Resolves each source; {@code fallbackIds} names the plugin when no manifest does. */
  SourceReader.Listing resolveAll(String sourceName, List<String> sources, List<String> fallbackIds) {
    List<Offer> offers = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    InstallException first = null;
    for (int i = 0; i < sources.size(); i++) {
      try {
        offers.add(offer(sources.get(i), fallbackIds.get(i)));
      } catch (InstallException e) {
        warnings.add(sources.get(i) + ": " + e.code().code() + ": " + e.getMessage());
        first = first == null ? e : first;
      }
    }
    if (offers.isEmpty() && first != null) {
      throw first;
    }
    return new SourceReader.Listing(offers, warnings);
  }

  private Offer offer(String source, String fallbackId) {
    ResolvedArtifact art = pipeline.resolve(source);
    Optional<PluginManifest> manifest = art.manifestToml() == null ? Optional.empty()
        : ManifestParser.parse(art.manifestToml()).manifest();
    String id = art.id() != null ? art.id() : manifest.map(PluginManifest::id).orElse(fallbackId);
    String version = art.version() != null ? art.version() : manifest.map(PluginManifest::version).orElseThrow(() ->
        CatalogErrors.invalid(source, "must state a version", "no version in the release or manifest"));
    Set<SignatureMaterial.Kind> kinds = EnumSet.noneOf(SignatureMaterial.Kind.class);
    for (SignatureMaterial m : art.signatures()) {
      if (!m.optional() || exists(m.location())) {
        kinds.add(m.kind());
      }
    }
    return new Offer(id, manifest.map(PluginManifest::name).filter(n -> !n.isBlank()).orElse(id),
        manifest.map(PluginManifest::description).orElse(""), version, source, art.manifestToml(), kinds);
  }

  /** Whether optional signature material (a guessed sibling URL) is really published. */
  private boolean exists(String url) {
    if (!(url.startsWith("https://") || url.startsWith("http://"))) {
      return false;
    }
    HttpText t = downloader.getText(url, Map.of(), IndexReader.MANIFEST_LIMIT, Phase.RESOLVE);
    return t.ok();
  }
}
