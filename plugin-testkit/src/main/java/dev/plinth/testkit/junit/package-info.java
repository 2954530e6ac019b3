/**
 * {@link dev.plinth.testkit.junit.PlinthTest}: a JUnit 5 extension that gives each test a real
 * {@link dev.plinth.runtime.PluginSystem} in a temporary home, injected as a parameter together
 * with a {@link dev.plinth.testkit.junit.PlinthTestHost} helper, and closes and checks it after
 * the test.
 *
 * <pre>{@code
 * @PlinthTest(hostVersion = "2.3.0")
 * class RedactorTest {
 *   @Test
 *   void redacts(PluginSystem system, PlinthTestHost host) {
 *     host.install(bundle);
 *     DispatchResult<ToolPreExec> r = system.hooks().dispatch(AgentHooks.TOOL_PRE_EXEC, data);
 *   }
 * }
 * }</pre>
 */
@NullMarked
package dev.plinth.testkit.junit;

import org.jspecify.annotations.NullMarked;
