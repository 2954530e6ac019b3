package dev.plinth.manifest;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * What a bundle audit found: every capability call site, and classes it could not read. Serialises
 * to JSON with Jackson (the install record keeps it). Immutable.
 *
 * @param auditor the auditor's name and version, e.g. {@code asm-bytecode 1}
 * @param classesScanned class files read, across folders and jars (multi-release entries included)
 * @param jarsScanned jars opened, nested ones included
 * @param uses every call site found, in scan order
 * @param unreadable classes or jars that could not be parsed, each {@code location: reason}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapabilityReport(
    String auditor, int classesScanned, int jarsScanned, List<CapabilityUse> uses, List<String> unreadable) {
  public CapabilityReport {
    java.util.Objects.requireNonNull(auditor, "auditor");
    uses = List.copyOf(uses);
    unreadable = List.copyOf(unreadable);
  }

  /** The capabilities used at least once. */
  public Set<Capability> capabilities() {
    Set<Capability> out = EnumSet.noneOf(Capability.class);
    uses.forEach(u -> out.add(u.capability()));
    return Set.copyOf(out);
  }

  /** The call sites of one capability. */
  public List<CapabilityUse> uses(Capability capability) {
    return uses.stream().filter(u -> u.capability() == capability).toList();
  }
}
