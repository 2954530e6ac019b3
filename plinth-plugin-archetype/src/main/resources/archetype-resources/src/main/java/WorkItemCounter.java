package ${package};

import dev.plinth.api.hook.HookContext;
import dev.plinth.api.hook.HookHandler;
import dev.plinth.api.hook.HookResult;
import dev.plinth.hooks.agent.WorkItemPostCreate;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles {@code work_item.post_create}: observes each new work item and changes nothing. Return
 * {@code HookResult.proceed(newData)} to propose changes, or {@code HookResult.block(reason)} on
 * points that may be blocked.
 */
final class WorkItemCounter implements HookHandler<WorkItemPostCreate> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkItemCounter.class);

  private final AtomicLong seen = new AtomicLong();

  @Override
  public HookResult<WorkItemPostCreate> handle(HookContext<WorkItemPostCreate> hook) {
    long n = seen.incrementAndGet();
    LOG.info("${pluginId}: work item {} created ({} so far)", hook.data().workItem().id(), n);
    return HookResult.unchanged();
  }

  long seen() {
    return seen.get();
  }
}
