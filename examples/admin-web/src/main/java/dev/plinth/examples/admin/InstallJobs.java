package dev.plinth.examples.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plinth.installer.InstallRequest;
import dev.plinth.installer.Phase;
import dev.plinth.installer.ProgressListener;
import dev.plinth.installer.store.InstallOutcome;
import dev.plinth.runtime.PluginSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Install jobs and their event streams. Installs run one at a time on their own thread (the store
 * serialises writers anyway); each job keeps its server-sent-event frames, so a page that connects
 * late, or reconnects, replays them from the start. Thread-safe.
 */
final class InstallJobs implements AutoCloseable {
  private final PluginSystem system;
  private final ObjectMapper json;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "admin-install");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  InstallJobs(PluginSystem system, ObjectMapper json) {
    this.system = system;
    this.json = json;
  }

  /** Starts installing {@code source} (enabled) and returns the job id. */
  String start(String source) {
    Job job = new Job("job-" + ids.incrementAndGet());
    jobs.put(job.id, job);
    worker.execute(() -> run(job, source));
    return job.id;
  }

  Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(Job job, String source) {
    ProgressListener progress = new ProgressListener() {
      @Override
      public void phaseStarted(Phase phase, String detail) {
        job.add("phase", Map.of("phase", phase.jsonName(), "state", "started", "detail", detail));
      }

      @Override
      public void phaseFinished(Phase phase, String detail) {
        job.add("phase", Map.of("phase", phase.jsonName(), "state", "finished", "detail", detail));
      }
    };
    Map<String, Object> outcome;
    try {
      outcome = outcomeJson(system.install(InstallRequest.of(source).withEnable(true), progress));
    } catch (RuntimeException e) {
      outcome = new LinkedHashMap<>();
      outcome.put("type", "Error");
      outcome.put("message", String.valueOf(e.getMessage()));
    }
    job.finish("outcome", outcome);
  }

  /** An outcome as JSON, with its case as {@code type} ({@code Installed}, {@code RolledBack}...). */
  @SuppressWarnings("unchecked")
  Map<String, Object> outcomeJson(InstallOutcome outcome) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", outcome.getClass().getSimpleName());
    out.putAll(json.convertValue(outcome, Map.class));
    if (outcome instanceof InstallOutcome.RolledBack r) {
      out.put("phase", r.phase().jsonName()); // the name the phase events use
    } else if (outcome instanceof InstallOutcome.Failed f) {
      out.put("phase", f.phase().jsonName());
    }
    return out;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }

  /** One install: its frames so far and whether it is over. */
  final class Job {
    final String id;
    private final List<String> frames = new ArrayList<>();
    private boolean done;

    Job(String id) {
      this.id = id;
    }

    private synchronized void add(String event, Object data) {
      try {
        frames.add("event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n");
      } catch (IOException e) {
        throw new IllegalStateException("maps of strings always serialise", e);
      }
      notifyAll();
    }

    private synchronized void finish(String event, Object data) {
      add(event, data);
      done = true;
      notifyAll();
    }

    /** Writes every frame, waiting for new ones, until the job is over and all are written. */
    void stream(OutputStream out) throws IOException, InterruptedException {
      int sent = 0;
      while (true) {
        List<String> next;
        boolean over;
        synchronized (this) {
          while (frames.size() == sent && !done) {
            wait(15_000);
          }
          next = List.copyOf(frames.subList(sent, frames.size()));
          over = done;
        }
        for (String f : next) {
          out.write(f.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        sent += next.size();
        if (over) {
          return;
        }
      }
    }
  }
}
