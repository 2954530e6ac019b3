/**
 * AssertJ assertions for what Plinth returns: {@code DispatchResult}, {@code HookReceipt},
 * {@code InstallOutcome}, {@code PluginStatus} and event lists. Entry point:
 * {@link dev.plinth.testkit.assertions.PlinthAssertions#assertThat}. Every failure message says
 * what was expected and what was found.
 *
 * <pre>{@code
 * assertThat(host.install(v2)).isUpgraded("1.0.0", "2.0.0");
 * assertThat(result).isNotBlocked().receiptFrom("acme_redactor").hasStatus(ReceiptStatus.OK).mutated();
 * assertThat(host.events()).containsEventFor("rolled_back", "acme_redactor", Map.of("phase", "health"));
 * }</pre>
 */
@NullMarked
package dev.plinth.testkit.assertions;

import org.jspecify.annotations.NullMarked;
