package dev.plinth.installer.trust;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One BouncyCastle provider instance, used explicitly (never installed JVM-wide). */
final class Bc {
  static final Provider PROVIDER = new BouncyCastleProvider();

  private Bc() {}
}
