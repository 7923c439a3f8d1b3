package ai.disinto.forge.issues;

import ai.disinto.forge.client.ForgeClient;
import ai.disinto.forge.client.ForgeException;
import ai.disinto.forge.client.ForgeProtocolException;
import ai.disinto.forge.client.LabelIndex;
import ai.disinto.forge.client.model.Label;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Label ids by name for one repository, looked up once and kept: what {@code _ILC_LABEL_IDS} in
 * lib/issue-lifecycle.sh meant to be (the original loses every entry in a subshell and reads only
 * the first page of labels). The lookup is the shared {@link LabelIndex} (every page, lowest id on
 * duplicate names); this class adds creating a missing label, and learns the ids that the answers
 * of label writes list, so that a label just seen on an issue is removed without a listing.
 */
final class LabelCache {
  private static final Logger LOG = LoggerFactory.getLogger(IssueLifecycle.class);

  private final ForgeClient forge;
  private final LabelIndex index;
  /** Ids seen in the answers of label writes; consulted before the index. */
  private final Map<String, Long> learned = new HashMap<>();

  LabelCache(ForgeClient forge) {
    this.forge = forge;
    this.index = new LabelIndex(forge);
  }

  /**
   * The id of a label, from the cache or a fresh listing; never creates one.
   *
   * @return the id, or empty when the label does not exist
   * @throws ForgeException when the labels cannot be listed
   */
  synchronized OptionalLong find(String name) {
    Long known = learned.get(name);
    if (known != null) {
      return OptionalLong.of(known);
    }
    Long id = index.lookup(List.of(name)).get(name);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * The id of a label, created with {@code color} when the repository has none of that name.
   * Mirrors {@code _ilc_ensure_label_id NAME COLOR}. Unlike the original, a failed listing does not
   * lead to a create (which would make duplicates).
   *
   * @throws ForgeException when the labels cannot be listed or the label cannot be created
   */
  synchronized long ensure(String name, String color) {
    Long known = learned.get(name);
    if (known != null) {
      return known;
    }
    Long found = index.lookup(List.of(name)).get(name);
    if (found != null) {
      return found;
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("color", color);
    Label created = forge.call("POST", "/labels", body, Label.class);
    if (created == null || created.id() <= 0) {
      throw new ForgeProtocolException(201, "POST", "/labels", null,
          "the created label '" + name + "' has no id", null);
    }
    index.put(name, created.id());
    LOG.info("issue-lifecycle: created missing label '{}' ({}) as id {}", name, color,
        created.id());
    return created.id();
  }

  /** Drops the entry for {@code name} when it still maps to {@code staleId}. */
  synchronized void forget(String name, long staleId) {
    learned.remove(name, staleId);
    index.forget(name, staleId);
  }

  /**
   * The id of a label when it is already known (cached or learned), without any request.
   *
   * @return the id, or empty when finding it would need a listing
   */
  synchronized OptionalLong known(String name) {
    Long id = learned.get(name);
    if (id == null) {
      id = index.known(name);
    }
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * Learns the ids of the labels a write answered with (the labels now on an issue), so that
   * removing one of them later needs no listing. The lowest id wins on duplicate names.
   */
  synchronized void learn(List<Label> labels) {
    for (Label l : labels) {
      if (l.name() != null && l.id() > 0) {
        learned.merge(l.name(), l.id(), Math::min);
      }
    }
  }
}
