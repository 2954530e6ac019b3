package dev.plinth.installer.store;

import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.events.EventQuery;
import dev.plinth.installer.events.JsonlEventSink;
import dev.plinth.installer.events.PlinthEvent;
import dev.plinth.manifest.HostProfile;
import java.nio.file.Path;
import java.util.List;

/** A real store in a temp home, with the test stager and a recording activator. */
final class StoreFixture {
  final Path home;
  final Path bundles;
  final FolderStager stager = new FolderStager();
  final RecordingActivator activator = new RecordingActivator();

  StoreFixture(Path tmp) {
    this.home = tmp.resolve("home");
    this.bundles = tmp.resolve("bundles");
  }

  PluginStoreBuilder builder(PointerStyle style) {
    return PluginStore.builder().home(home).stager(stager).activator(activator)
        .hostProfile(() -> HostProfile.of("test-host", "1.0.0")).pointerStyle(style);
  }

  PluginStore open(PointerStyle style) {
    return builder(style).build();
  }

  PluginStore open(PointerStyle style, FaultInjector faults) {
    return builder(style).faultInjector(faults).build();
  }

  String bundle(String id, String version) {
    return Bundles.write(bundles, id, version).toString();
  }

  static InstallRequest req(String source) {
    return InstallRequest.of(source);
  }

  List<PlinthEvent> events(String type) {
    return JsonlEventSink.builder(home.resolve("events.jsonl")).build().read(EventQuery.all().withType(type));
  }
}
