package dev.plinth.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plinth.installer.store.IntegrityReport;
import dev.plinth.runtime.guard.GuardState;
import dev.plinth.runtime.leak.LeakReport;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a {@link DoctorReport}, built as plain maps so the key names (snake_case) and
 * the time format (ISO-8601 strings) are stated here rather than left to Jackson's defaults.
 */
final class DoctorJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DoctorJson() {}

  static String write(DoctorReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("healthy", r.healthy());
    root.put("checked_at", r.checkedAt().toString());
    List<Object> plugins = new ArrayList<>();
    r.plugins().forEach(p -> plugins.add(plugin(p)));
    root.put("plugins", plugins);
    root.put("store", store(r.store()));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("doctor report cannot be written as JSON", e);
    }
  }

  private static Map<String, Object> plugin(PluginDiagnosis p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("ok", p.ok());
    m.put("builtin", p.builtin());
    m.put("current_version", p.currentVersion());
    m.put("versions", p.versions());
    m.put("enabled", p.enabled());
    m.put("load_state", p.loadState().name());
    m.put("last_error", p.lastError());
    m.put("permissions", p.permissions());
    m.put("permissions_acknowledged", p.permissionsAcknowledged());
    m.put("audited", p.audited());
    m.put("capabilities", p.capabilities());
    m.put("crash_guard", guard(p.crashGuard()));
    m.put("leaks", p.leaks().stream().map(DoctorJson::leak).toList());
    m.put("integrity", p.integrity().stream().map(DoctorJson::problem).toList());
    return m;
  }

  private static Map<String, Object> guard(GuardState g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("failures_in_window", g.failuresInWindow());
    m.put("disabled", g.disabled());
    m.put("last_failure", g.lastFailure() == null ? null : g.lastFailure().toString());
    m.put("last_code", g.lastCode());
    return m;
  }

  private static Map<String, Object> leak(LeakReport l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", l.version());
    m.put("loader", l.loaderName());
    m.put("holders", l.holders().stream().map(h -> Map.of("kind", h.kind().name(), "name", h.name(),
        "detail", h.detail())).toList());
    m.put("shutdown_hooks_inspected", l.shutdownHooksInspected());
    m.put("next_step", l.nextStep());
    return m;
  }

  private static Map<String, Object> store(StoreDiagnosis s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("home", s.home());
    m.put("ok", s.ok());
    m.put("interrupted_transactions", s.interruptedTransactions().stream().map(DoctorJson::problem).toList());
    m.put("orphans", s.orphans().stream().map(DoctorJson::problem).toList());
    m.put("dangling_pointers", s.danglingPointers().stream().map(DoctorJson::problem).toList());
    m.put("other", s.other().stream().map(DoctorJson::problem).toList());
    return m;
  }

  private static Map<String, Object> problem(IntegrityReport.Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", p.code().code());
    m.put("plugin", p.pluginId());
    m.put("path", p.path());
    m.put("message", p.message());
    m.put("next_step", p.nextStep());
    return m;
  }
}
