package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A jar's {@code Class-Path} manifest attribute, read and resolved as the JDK's class loader does
 * ({@code URLClassLoader} follows it to further jars and folders). Preflight, the installer and the
 * runtime use it to keep a plugin's classpath inside its bundle. Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class JarClassPath {
  /** The manifest's entry name, matched without case as the JDK does. */
  public static final String MANIFEST_NAME = JarFile.MANIFEST_NAME;

  private static final byte[] KEY = "class-path:".getBytes(StandardCharsets.US_ASCII);

  private JarClassPath() {}

  /**
   * The tokens of the main {@code Class-Path} attribute of a manifest's bytes, split on white space
   * as the JDK splits them; empty when there is none. The manifest is only parsed when its bytes
   * name the attribute at all.
   *
   * @throws IOException when the manifest that names it cannot be parsed
   */
  public static List<String> tokens(byte @Nullable [] manifest) throws IOException {
    if (manifest == null || !mentionsClassPath(manifest)) {
      return List.of();
    }
    String value = new Manifest(new ByteArrayInputStream(manifest)).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (value == null) {
      return List.of();
    }
    List<String> tokens = new ArrayList<>();
    for (StringTokenizer t = new StringTokenizer(value); t.hasMoreTokens(); ) {
      tokens.add(t.nextToken());
    }
    return tokens;
  }

  /**
   * Where one token of {@code jar}'s {@code Class-Path} leads: a relative URL resolved against the
   * jar's own, or an absolute {@code file:} URL, normalised (not checked to exist, links not
   * followed). Null when the JDK would ignore the token: a scheme other than {@code file:}, or a
   * token that does not form a file URL.
   */
  public static @Nullable Path target(Path jar, String token) {
    try {
      URL url = new URL(jar.toAbsolutePath().toUri().toURL(), token);
      if (!"file".equalsIgnoreCase(url.getProtocol())) {
        return null;
      }
      return Path.of(url.toURI()).normalize();
    } catch (MalformedURLException | URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean mentionsClassPath(byte[] bytes) {
    outer:
    for (int i = 0; i + KEY.length <= bytes.length; i++) {
      for (int k = 0; k < KEY.length; k++) {
        if (Character.toLowerCase((char) (bytes[i + k] & 0xff)) != KEY[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
