package ai.disinto.forge.issues;

import ai.disinto.core.log.FactoryLog;
import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.LabelIndex;
import ai.disinto.forge.client.model.Label;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Label ids by name for one repository, looked up once and kept: what {@code _ILC_LABEL_IDS} in
 * lib/issue-lifecycle.sh meant to be (the original loses every entry in a subshell and reads only
 * the first page of labels). The lookup is the shared {@link LabelIndex} (every page, lowest id on
 * duplicate names); this class adds creating a missing label and turns failures into log lines.
 */
final class LabelCache {
  private final ForgeClient forge;
  private final FactoryLog log;
  private final LabelIndex index;

  LabelCache(ForgeClient forge, FactoryLog log) {
    this.forge = forge;
    this.log = log;
    this.index = new LabelIndex(forge);
  }

  /**
   * The id of a label, from the cache or a fresh listing; never creates one.
   *
   * @return the id, or empty when the label does not exist or the listing failed
   */
  synchronized OptionalLong find(String name) {
    try {
      Long id = index.lookup(List.of(name)).get(name);
      return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    } catch (ForgeException e) {
      log.log("issue-lifecycle: cannot list labels (HTTP " + e.status() + ")");
      return OptionalLong.empty();
    }
  }

  /**
   * The id of a label, created with {@code color} when the repository has none of that name.
   * Mirrors {@code _ilc_ensure_label_id NAME COLOR}; failures give an empty result and a log line.
   * Unlike the original, a failed listing does not lead to a create (which would make duplicates).
   */
  synchronized OptionalLong ensure(String name, String color) {
    Long found;
    try {
      found = index.lookup(List.of(name)).get(name);
    } catch (ForgeException e) {
      log.log("issue-lifecycle: cannot list labels (HTTP " + e.status() + ")");
      return OptionalLong.empty();
    }
    if (found != null) {
      return OptionalLong.of(found);
    }
    try {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("color", color);
      Label created = forge.call("POST", "/labels", body, Label.class);
      if (created.id() <= 0) {
        log.log("issue-lifecycle: creating label '" + name + "' gave no id");
        return OptionalLong.empty();
      }
      index.put(name, created.id());
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
    index.forget(name, staleId);
  }
}
