/**
 * The golden scenario: a plugin's whole life on a real {@code PluginSystem} (install, configure,
 * execute its hooks with sample data, upgrade, rollback, uninstall), then an upgrade that fails on
 * purpose at each install phase, checking each time that the previous version is still current,
 * serving, and byte-for-byte as it was. {@link dev.plinth.testkit.golden.GoldenMatrix} runs plugin
 * versions against host and API versions. Both write JSON and markdown reports for a release gate.
 *
 * <pre>{@code
 * GoldenReport report = GoldenScenario.builder(tempDir, v1, v2)
 *     .config(Map.of("mode", "strict"))
 *     .sample(SampleDispatch.perVersion(AgentHooks.TOOL_PRE_EXEC, data,
 *         (version, r) -> version.equals(r.data().toolInput().get("by"))))
 *     .build()
 *     .run();
 * report.writeMarkdown(tempDir.resolve("golden.md"));
 * report.assertPassed();
 * }</pre>
 */
@NullMarked
package dev.plinth.testkit.golden;

import org.jspecify.annotations.NullMarked;
