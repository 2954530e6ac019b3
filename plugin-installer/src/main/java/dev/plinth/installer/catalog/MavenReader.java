package dev.plinth.installer.catalog;

import dev.plinth.installer.InstallException;
import dev.plinth.installer.Phase;
import dev.plinth.installer.download.Downloader;
import dev.plinth.installer.download.HttpText;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.semver4j.Semver;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads {@code maven-metadata.xml} of each configured artifact (the JDK's XML parser, with
 * DOCTYPEs and external entities refused) and resolves its newest release as
 * {@code maven:group:artifact:version}.
 */
final class MavenReader implements SourceReader {
  private final Downloader downloader;
  private final RemoteSourceReader remote;
  private final CatalogSource.MavenArtifacts source;

  MavenReader(Downloader downloader, RemoteSourceReader remote, CatalogSource.MavenArtifacts source) {
    this.downloader = downloader;
    this.remote = remote;
    this.source = source;
  }

  @Override
  public Listing read() {
    List<String> sources = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    InstallException first = null;
    for (String coordinate : source.coordinates()) {
      String group = coordinate.substring(0, coordinate.indexOf(':'));
      String artifact = coordinate.substring(coordinate.indexOf(':') + 1);
      String url = source.repositoryUrl() + "/" + group.replace('.', '/') + "/" + artifact + "/maven-metadata.xml";
      try {
        sources.add("maven:" + coordinate + ":" + newest(url));
        ids.add(artifact.replace('-', '_'));
      } catch (InstallException e) {
        warnings.add(coordinate + ": " + e.code().code() + ": " + e.getMessage());
        first = first == null ? e : first;
      }
    }
    if (sources.isEmpty() && first != null) {
      throw first;
    }
    Listing listing = remote.resolveAll(source.name(), sources, ids);
    List<String> all = new ArrayList<>(warnings);
    all.addAll(listing.warnings());
    return new Listing(listing.offers(), all);
  }

  /** The release named by the metadata, else the highest listed version. */
  private String newest(String url) {
    HttpText t = downloader.getText(url, Map.of(), IndexReader.INDEX_LIMIT, Phase.RESOLVE);
    if (!t.ok()) {
      throw CatalogErrors.status(t);
    }
    Document doc = parseXml(url, t.body());
    String release = text(doc, "release");
    if (release != null && Semver.parse(release) != null) {
      return release;
    }
    Semver best = null;
    NodeList versions = doc.getElementsByTagName("version");
    for (int i = 0; i < versions.getLength(); i++) {
      Semver v = Semver.parse(versions.item(i).getTextContent().strip());
      if (v != null && (best == null || v.isGreaterThan(best))) {
        best = v;
      }
    }
    if (best == null) {
      throw CatalogErrors.invalid(url, "must list at least one semver version in maven-metadata.xml", "none found");
    }
    return best.getVersion();
  }

  private static @Nullable String text(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  private static Document parseXml(String url, String body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      var builder = f.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // fail quietly: no "[Fatal Error]" on stderr
      return builder.parse(new InputSource(new StringReader(body)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw CatalogErrors.invalid(url, "must answer well-formed maven-metadata.xml", IndexReader.abbreviate(body));
    }
  }
}
