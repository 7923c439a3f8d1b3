package ai.disinto.forge.setup;

import ai.disinto.forge.client.ForgeResponse;
import java.util.Map;

/**
 * What a read asking whether a user, repository or branch exists answered. Only a 200 whose JSON
 * names the object counts as found: a 200 with another body (a proxy's page, JSON cut short or
 * of the wrong shape) cannot tell, any more than a 5xx can, and taking it for "exists" made the
 * setup flows skip a creation and report the object as there.
 */
enum Lookup {
  /** 200, and the body names the object. */
  FOUND,
  /** 404. */
  MISSING,
  /** Anything else: the caller cannot tell and must not guess. */
  UNKNOWN;

  /**
   * Classifies an answer.
   *
   * @param r the answer of the GET
   * @param field the JSON field that names the object ({@code login}, {@code full_name}, {@code
   *     name})
   * @param expected its value, compared ignoring case
   * @return what the answer says
   */
  static Lookup of(ForgeResponse r, String field, String expected) {
    if (r.status() == 404) {
      return MISSING;
    }
    if (!r.ok()) {
      return UNKNOWN;
    }
    Map<String, Object> body = BranchProtection.Rules.parse(r.body());
    Object v = body == null ? null : body.get(field);
    return v instanceof String s && s.equalsIgnoreCase(expected) ? FOUND : UNKNOWN;
  }
}
