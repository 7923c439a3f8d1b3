package ai.disinto.forge.client.model;

import java.util.List;

/** Null-tolerant immutable copies for list fields. */
final class Lists {
  private Lists() {}

  static <T> List<T> of(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
