/**
 * Discovery: {@link dev.plinth.installer.catalog.PluginCatalog} lists and searches the plugins that
 * several {@link dev.plinth.installer.catalog.CatalogSource}s offer (catalog indexes, a GitHub
 * listing, a Maven repository's metadata, a local folder), with each plugin's compatibility verdict
 * (from its manifest, before any archive is downloaded), its trust tier under the trust policy, the
 * installed version and whether an update is available. Each source succeeds or fails alone: a
 * {@link dev.plinth.installer.catalog.CatalogResult} carries every source's status.
 */
@NullMarked
package dev.plinth.installer.catalog;

import org.jspecify.annotations.NullMarked;
