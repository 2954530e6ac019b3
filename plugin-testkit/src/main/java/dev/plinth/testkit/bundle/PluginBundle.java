package dev.plinth.testkit.bundle;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Where a test starts building a plugin bundle. See {@link PluginBundleBuilder} for every setting
 * and output form.
 *
 * <pre>{@code
 * BuiltBundle bundle = PluginBundle.builder("acme_hello", "1.2.0")
 *     .hooks("tool.post_exec")
 *     .pluginClass("com.acme.HelloPlugin")
 *     .source("com.acme.HelloPlugin", HELLO_SOURCE)
 *     .signWith(TestKeys.ecdsaP256())
 *     .writeTarGz(tempDir);   // acme_hello-1.2.0-noarch.tar.gz (+ .sha256, .sig, .pub)
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PluginBundle {
  private PluginBundle() {}

  /** A builder for the bundle of plugin {@code id} at {@code version}. */
  public static PluginBundleBuilder builder(String id, String version) {
    return new PluginBundleBuilder(id, version);
  }
}
