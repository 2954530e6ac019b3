package dev.plinth.runtime.context;

import dev.plinth.api.Secrets;
import java.util.Optional;
import java.util.Set;

/** Secrets limited to the keys of {@code permissions.secrets}. */
final class GuardedSecrets implements Secrets {
  private final Set<String> declared;
  private final SecretsProvider provider;
  private final Denials denials;

  GuardedSecrets(Set<String> declared, SecretsProvider provider, Denials denials) {
    this.declared = Set.copyOf(declared);
    this.provider = provider;
    this.denials = denials;
  }

  @Override
  public Optional<String> get(String key) {
    if (!declared.contains(key)) {
      throw denials.deny("secrets", key);
    }
    return provider.secret(denials.pluginId(), key);
  }
}
