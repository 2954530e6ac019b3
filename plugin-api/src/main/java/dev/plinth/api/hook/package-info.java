/**
 * Hook types shared by plugins and hosts: a host declares {@link dev.plinth.api.hook.HookPoint}s,
 * plugins register {@link dev.plinth.api.hook.HookHandler}s for them, and the host's dispatcher
 * runs the chain.
 */
@NullMarked
package dev.plinth.api.hook;

import org.jspecify.annotations.NullMarked;
