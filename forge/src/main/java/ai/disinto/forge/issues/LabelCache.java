package ai.disinto.forge.issues;

import ai.disinto.core.log.FactoryLog;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.model.Label;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Label ids by name for one repository, looked up once and kept: what {@code _ILC_LABEL_IDS} in
 * lib/issue-lifecycle.sh meant to be (the original loses every entry in a subshell and reads only
 * the first page of labels).
 *
 * <p>A miss reads every page of {@code GET /labels} and replaces the whole map, so one listing
 * serves all three workflow labels; when a name occurs more than once the lowest id wins (Forgejo
 * allows duplicate names; the original then printed two ids and broke the label write).
 */
final class LabelCache {
  private final ForgeClient forge;
  private final FactoryLog log;
  private final Map<String, Long> ids = new HashMap<>();

  LabelCache(ForgeClient forge, FactoryLog log) {
    this.forge = forge;
    this.log = log;
  }

  /**
   * The id of a label, from the cache or a fresh listing; never creates one.
   *
   * @return the id, or empty when the label does not exist or the listing failed
   */
  synchronized OptionalLong find(String name) {
    Long cached = ids.get(name);
    if (cached != null) {
      return OptionalLong.of(cached);
    }
    if (!refresh()) {
      return OptionalLong.empty();
    }
    Long found = ids.get(name);
    return found == null ? OptionalLong.empty() : OptionalLong.of(found);
  }

  /**
   * The id of a label, created with {@code color} when the repository has none of that name.
   * Mirrors {@code _ilc_ensure_label_id NAME COLOR}; failures give an empty result and a log line.
   * Unlike the original, a failed listing does not lead to a create (which would make duplicates).
   */
  synchronized OptionalLong ensure(String name, String color) {
    Long cached = ids.get(name);
    if (cached != null) {
      return OptionalLong.of(cached);
    }
    if (!refresh()) {
      return OptionalLong.empty();
    }
    Long found = ids.get(name);
    if (found != null) {
      return OptionalLong.of(found);
    }
    try {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("color", color);
      Label created = forge.call("POST", "/labels", body, Label.class);
      if (created == null || created.id() <= 0) {
        log.log("issue-lifecycle: creating label '" + name + "' gave no id");
        return OptionalLong.empty();
      }
      ids.put(name, created.id());
      log.log("issue-lifecycle: created missing label '" + name + "' (" + color + ") as id "
          + created.id());
      return OptionalLong.of(created.id());
    } catch (ForgeException e) {
      log.log("issue-lifecycle: cannot create label '" + name + "' (HTTP " + e.status() + ")");
      return OptionalLong.empty();
    }
  }

  /** Drops the entry for {@code name} when it still maps to {@code staleId}. */
  synchronized void forget(String name, long staleId) {
    ids.remove(name, staleId);
  }

  /** Reads every label page and replaces the map; false (map untouched) when that fails. */
  private boolean refresh() {
    List<Label> all;
    try {
      all = forge.getAll("/labels", Label.class);
    } catch (ForgeException e) {
      log.log("issue-lifecycle: cannot list labels (HTTP " + e.status() + ")");
      return false;
    }
    Map<String, Long> fresh = new HashMap<>();
    for (Label l : all) {
      if (l.name() != null) {
        fresh.merge(l.name(), l.id(), Math::min);
      }
    }
    ids.clear();
    ids.putAll(fresh);
    return true;
  }
}
