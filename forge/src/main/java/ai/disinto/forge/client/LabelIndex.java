package ai.disinto.forge.client;

import ai.disinto.forge.client.model.Label;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Label ids by exact, case-sensitive name for one repository, read from every page of {@code GET
 * /labels} and kept for the life of the instance. The one name-to-id resolution of the library:
 * {@code forge.tea.TeaHelpers} (lib/tea-helpers.sh, which resolved names per call) and {@code
 * forge.issues.IssueLifecycle} ({@code _ILC_LABEL_IDS} and {@code _ilc_ensure_label_id} in
 * lib/issue-lifecycle.sh, which kept only the first page) both build on it.
 *
 * <p>A lookup that misses any name reads every page again and replaces the whole map, so one
 * listing serves all the names of a call. When several labels share a name (Forgejo allows it)
 * the lowest id wins. The index never creates labels; a caller that creates one records it with
 * {@link #put}. Instances are thread-safe.
 */
public final class LabelIndex {
  private final ForgeClient forge;
  private final Map<String, Long> ids = new HashMap<>();

  /**
   * Creates an empty index of the client's repository. No request is made.
   *
   * @param forge the client of the repository
   */
  public LabelIndex(ForgeClient forge) {
    this.forge = Objects.requireNonNull(forge, "forge");
  }

  /**
   * The ids of those {@code names} that name a label, from the cache, or from a fresh listing of
   * every label page when any name is not cached (one listing per call at most).
   *
   * @param names exact label names
   * @return name to id for the names found, in the order asked; names without a label are left
   *     out, so a caller compares the key set with {@code names} to learn which are missing
   * @throws ForgeException when the labels cannot be listed; the cache is then left as it was
   */
  public synchronized Map<String, Long> lookup(Collection<String> names) {
    Objects.requireNonNull(names, "names");
    if (!ids.keySet().containsAll(names)) {
      refresh();
    }
    Map<String, Long> found = new LinkedHashMap<>();
    for (String name : names) {
      Long id = ids.get(name);
      if (id != null) {
        found.put(name, id);
      }
    }
    return found;
  }

  /**
   * The id of a label when this index already holds it; never lists.
   *
   * @param name the exact label name
   * @return the id, or {@code null} when the name is not (yet) in the index
   */
  public synchronized Long known(String name) {
    return ids.get(Objects.requireNonNull(name, "name"));
  }

  /**
   * Records a label the caller has just created, so that it is found without a listing.
   *
   * @param name the label name
   * @param id its id
   */
  public synchronized void put(String name, long id) {
    ids.put(Objects.requireNonNull(name, "name"), id);
  }

  /**
   * Drops the entry for {@code name} when it still maps to {@code staleId} (a write answered that
   * the label is gone), so the next lookup lists the labels again.
   *
   * @param name the label name
   * @param staleId the id that turned out to be stale
   */
  public synchronized void forget(String name, long staleId) {
    ids.remove(name, staleId);
  }

  /** Reads every label page and replaces the map; throws (map untouched) when that fails. */
  private void refresh() {
    Map<String, Long> fresh = new HashMap<>();
    for (Label l : forge.getAll("/labels", Label.class)) {
      if (l.name() != null) {
        fresh.merge(l.name(), l.id(), Math::min);
      }
    }
    ids.clear();
    ids.putAll(fresh);
  }
}
