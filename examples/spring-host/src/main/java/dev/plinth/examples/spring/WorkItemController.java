package dev.plinth.examples.spring;

import dev.plinth.hooks.DispatchResult;
import dev.plinth.hooks.agent.AgentHooks;
import dev.plinth.hooks.agent.WebhookParseResult;
import dev.plinth.hooks.agent.WorkItem;
import dev.plinth.hooks.agent.WorkItemPostCreate;
import dev.plinth.runtime.PluginSystem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /work-items}: the application creates a work item, then lets plugins observe it
 * through the {@code work_item.post_create} hook, and answers with each plugin's receipt.
 */
@RestController
class WorkItemController {
  /** What a client sends. */
  record NewWorkItem(String id, String title) {}

  /** What the application answers: the hook's outcome, one receipt per plugin. */
  record Created(String id, boolean blocked, List<Map<String, Object>> receipts) {}

  private final PluginSystem plugins;

  WorkItemController(PluginSystem plugins) {
    this.plugins = plugins;
  }

  @PostMapping("/work-items")
  Created create(@RequestBody NewWorkItem request) {
    WorkItem item = new WorkItem(request.id(), "web-1", "s-" + request.id(), "web", request.id(), "pending",
        request.title(), null, Instant.now());
    WorkItemPostCreate data = new WorkItemPostCreate(item, "web", "web-1", new WebhookParseResult(true, null, null, Map.of()));
    DispatchResult<WorkItemPostCreate> result = plugins.hooks().dispatch(AgentHooks.WORK_ITEM_POST_CREATE, data);
    List<Map<String, Object>> receipts = result.receipts().stream()
        .map(r -> Map.<String, Object>of("plugin", r.pluginId(), "status", r.status().name(), "changed", r.mutated()))
        .toList();
    return new Created(item.id(), result.blocked(), receipts);
  }
}
