/**
 * Install sources: the string forms ({@code ./dir}, {@code ./x.tar.gz}, {@code https://…#sha256=},
 * {@code github:o/r@tag}, {@code maven:g:a:v[:c]}, {@code catalog:id@range}) parsed into a sealed
 * {@link dev.plinth.installer.source.SourceSpec}, and their resolution into a
 * {@link dev.plinth.installer.source.ResolvedArtifact}: archive location, expected digest,
 * signature material and, where served separately, the manifest.
 */
@NullMarked
package dev.plinth.installer.source;

import org.jspecify.annotations.NullMarked;
