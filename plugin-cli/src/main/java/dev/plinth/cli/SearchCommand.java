package dev.plinth.cli;

import dev.plinth.installer.catalog.CatalogResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code search}: the plugins the catalog sources offer, with each one's compatibility with this
 * host (judged from its manifest, before download), trust tier, installed version and whether an
 * update is available. A source that fails is reported beside the others' results; the command
 * still succeeds.
 */
@Command(name = "search", description = "Search the catalog sources; shows compatibility, trust tier and installed version.")
final class SearchCommand extends CliCommand {
  @Mixin SourceOptions sources = new SourceOptions();
  @Mixin CatalogAccess catalog = new CatalogAccess();

  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Text in the id, name or description (default: list all).")
  String query = "";

  @Override
  int execute(CliOutput out) {
    CatalogResult r = catalog.open(global().home, sources).search(query);
    CatalogAccess.print(out, r);
    return out.ok(r);
  }
}
