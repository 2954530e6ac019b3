/**
 * The static bytecode capability audit: {@link dev.plinth.audit.BytecodeAuditor} reads every class
 * of a bundle with ASM and reports calls that can act past the host boundary (network, processes,
 * exit, native code, reflection escapes, class loaders, files, threads, JVM-wide state). Optional:
 * a host without this module installs without an audit.
 */
@NullMarked
package dev.plinth.audit;

import org.jspecify.annotations.NullMarked;
