package ai.disinto.forge.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path below a {@link ForgeClient}'s scope built from unencoded parts, each percent-encoded as
 * OkHttp's {@code HttpUrl.Builder} encodes a path segment or a query component: a branch {@code
 * fix/issue-2} is one segment {@code fix%2Fissue-2}, a label {@code needs #review?} in a query
 * is {@code needs%20%23review%3F}. Immutable; every method returns a new path.
 *
 * <pre>{@code
 * forge.get(ForgePath.of("branches", branch), Branch.class);
 * forge.paged(ForgePath.of("pulls").query("state", "open"), PullRequest.class);
 * forge.send("GET", ForgePath.of("contents").segments("docs/guide.md"), null);
 * }</pre>
 *
 * <p>The original built its paths by string interpolation, so a branch or label name with a
 * {@code #}, {@code ?} or space broke the request; here such names reach the forge whole.
 */
public final class ForgePath {
  private static final ForgePath EMPTY = new ForgePath(List.of(), List.of());

  /** One segment ({@code multi} false) or a slash-separated run of segments. */
  private record Part(String text, boolean multi) {}

  private final List<Part> parts;
  private final List<String[]> query;

  private ForgePath(List<Part> parts, List<String[]> query) {
    this.parts = parts;
    this.query = query;
  }

  /**
   * A path of single segments: each part, as text, becomes exactly one segment, any {@code /} in
   * it encoded as {@code %2F}.
   *
   * @param segments the segments, such as {@code "issues", 42, "comments"}; numbers are written in
   *     decimal
   * @return the path
   * @throws NullPointerException when a segment is null
   */
  public static ForgePath of(Object... segments) {
    ForgePath p = EMPTY;
    for (Object s : segments) {
      p = p.segment(s);
    }
    return p;
  }

  /**
   * Appends one segment; a {@code /} in it is encoded, so it stays one segment.
   *
   * @param segment the unencoded segment (a branch, label or user name, a number)
   * @return the longer path
   */
  public ForgePath segment(Object segment) {
    return with(new Part(String.valueOf(Objects.requireNonNull(segment, "segment")), false));
  }

  /**
   * Appends several segments separated by {@code /} (a file path for the contents API); each is
   * encoded on its own.
   *
   * @param slashSeparated such as {@code docs/a guide.md}
   * @return the longer path
   */
  public ForgePath segments(String slashSeparated) {
    return with(new Part(Objects.requireNonNull(slashSeparated, "slashSeparated"), true));
  }

  /**
   * Appends a query parameter; name and value are encoded.
   *
   * @param name the parameter name
   * @param value the unencoded value; numbers and booleans as their text
   * @return the path with the parameter
   */
  public ForgePath query(String name, Object value) {
    Objects.requireNonNull(name, "name");
    List<String[]> q = new ArrayList<>(query);
    q.add(new String[] {name, String.valueOf(Objects.requireNonNull(value, "value"))});
    return new ForgePath(parts, List.copyOf(q));
  }

  private ForgePath with(Part part) {
    List<Part> p = new ArrayList<>(parts);
    p.add(part);
    return new ForgePath(List.copyOf(p), query);
  }

  /** This path appended to a base URL. */
  Url appendTo(Url base) {
    Url.Builder b = base.newBuilder();
    for (Part p : parts) {
      if (p.multi()) {
        b.addPathSegments(p.text());
      } else {
        b.addPathSegment(p.text());
      }
    }
    for (String[] q : query) {
      b.addQueryParameter(q[0], q[1]);
    }
    return b.build();
  }

  /**
   * The encoded path and query, as it is appended to the scope's URL.
   *
   * @return such as {@code /branches/fix%2Fissue-2?limit=1}
   */
  @Override
  public String toString() {
    Url url = appendTo(Url.get("http://h/"));
    String q = url.encodedQuery();
    String path = url.encodedPath();
    return (path.equals("/") && !parts.isEmpty() ? "/" : path) + (q == null ? "" : "?" + q);
  }

  /**
   * Compares the encoded form.
   *
   * @param o the other object
   * @return whether both paths encode to the same text
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof ForgePath p && p.toString().equals(toString());
  }

  /**
   * Hashes the encoded form.
   *
   * @return the hash of {@link #toString()}
   */
  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
