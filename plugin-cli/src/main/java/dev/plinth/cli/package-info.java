/**
 * The {@code plinth} command line for operators and CI: preflight, pack, install, list, info,
 * enable, disable, upgrade, rollback, uninstall, doctor, events and demo. Human output by default,
 * one JSON document with {@code --json}; exit codes 0 (success), 1 (operation failed), 2 (usage).
 */
@NullMarked
package dev.plinth.cli;

import org.jspecify.annotations.NullMarked;
