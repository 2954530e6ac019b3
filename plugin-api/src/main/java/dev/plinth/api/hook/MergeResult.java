package dev.plinth.api.hook;

import static java.util.Objects.requireNonNull;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The outcome of merging a handler's proposed data into the current data.
 *
 * @param data the merged data: allowed changes applied, refused ones dropped
 * @param changedFields fields whose value changed
 * @param refusedFields fields the handler tried to change but may not
 */
@API(status = STABLE, since = "0.1")
public record MergeResult<T>(T data, List<String> changedFields, List<String> refusedFields) {
  public MergeResult {
    requireNonNull(data, "data");
    changedFields = List.copyOf(changedFields);
    refusedFields = List.copyOf(refusedFields);
  }

  /** True when the merge changed anything. */
  public boolean mutated() {
    return !changedFields.isEmpty();
  }
}
