package dev.plinth.runtime.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The loaded plugins: a map by id for lookups and an array in load order, each safe to read without
 * a lock. Writers ({@link #add}, {@link #remove}) are serialised by the runtime's lifecycle lock.
 *
 * <p>Adding copies only the order array (references, no map nodes), so a boot that adds hundreds in
 * a row stays linear in practice; the earlier copy-on-write map copied every entry on each add. A
 * reader that walks {@link #inOrder()} while a writer runs sees the order before or after the
 * change, never a torn one; a lookup by id may see a change a moment before the order does.
 */
final class LoadedPlugins {
  private static final LoadedPlugin[] NONE = new LoadedPlugin[0];

  // Sized for a few hundred plugins: a boot adds them in a row, and each doubling copies the table.
  private final ConcurrentHashMap<String, LoadedPlugin> byId = new ConcurrentHashMap<>(512);
  private volatile LoadedPlugin[] order = NONE;

  @Nullable LoadedPlugin get(String id) {
    return byId.get(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The loaded plugins in load order: a snapshot. */
  List<LoadedPlugin> inOrder() {
    return Arrays.asList(order);
  }

  /** The ids of the loaded plugins in load order: a snapshot the caller may change. */
  List<String> ids() {
    LoadedPlugin[] now = order;
    List<String> out = new ArrayList<>(now.length);
    for (LoadedPlugin p : now) {
      out.add(p.id());
    }
    return out;
  }

  /** Adds a plugin last in load order; the caller holds the lifecycle lock. */
  void add(LoadedPlugin p) {
    byId.put(p.id(), p);
    LoadedPlugin[] now = order;
    LoadedPlugin[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = p;
    order = next;
  }

  /** Removes a plugin; the caller holds the lifecycle lock. */
  void remove(String id) {
    LoadedPlugin[] now = order;
    for (int i = 0; i < now.length; i++) {
      if (now[i].id().equals(id)) {
        LoadedPlugin[] next = new LoadedPlugin[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        order = next;
        break;
      }
    }
    byId.remove(id);
  }
}
