/**
 * The plugin store and its install transactions: the on-disk layout under the plugin home,
 * atomic {@code current} pointer switches, the journal that makes every install, upgrade, rollback
 * and uninstall recoverable after a crash, {@code state.json}, {@code plinth.lock}, and the
 * integrity checker the doctor reuses. Entry point: {@link dev.plinth.installer.store.PluginStore}.
 */
@NullMarked
package dev.plinth.installer.store;

import org.jspecify.annotations.NullMarked;
