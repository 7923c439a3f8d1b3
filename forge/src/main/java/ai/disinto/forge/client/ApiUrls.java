package ai.disinto.forge.client;

import ai.disinto.core.net.InvalidUrlException;
import ai.disinto.core.net.UrlValidator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The URLs of {@link ForgeClient}: the API root and repository API root checked with {@code
 * validate_url}, repository slugs, and paths appended to a scope.
 */
final class ApiUrls {
  private static final Pattern SLUG = Pattern.compile("[^/\\s]+/[^/\\s]+");

  /** The validated API root and, when a repository is configured, its API root. */
  record Roots(Url apiRoot, Url repo) {}

  private ApiUrls() {}

  /**
   * Checks the configured URLs as {@code lib/env.sh} does ({@code FORGE_API} first, then {@code
   * FORGE_URL}) and derives the repository API root unless {@code apiBase} overrides it.
   *
   * @param apiRoot {@code {FORGE_URL}/api/v1}
   * @param apiBase {@code FORGE_API} when it points elsewhere, or empty
   * @param repo {@code owner/name}, or empty
   */
  static Roots roots(String apiRoot, String apiBase, String repo) {
    if (apiBase.isEmpty() && !repo.isEmpty()) {
      requireSlug(repo);
    }
    requireUrl(!apiBase.isEmpty() ? apiBase : !repo.isEmpty() ? apiRoot + "/repos/" + repo
        : apiRoot, "FORGE_API");
    Url apiRootUrl = requireUrl(apiRoot, "FORGE_URL");
    Url repoUrl;
    if (!apiBase.isEmpty()) {
      repoUrl = Url.get(apiBase);
    } else if (!repo.isEmpty()) {
      repoUrl = repoUrlOf(apiRootUrl, repo);
    } else {
      repoUrl = null;
    }
    return new Roots(apiRootUrl, repoUrl);
  }

  /** The repository API root of {@code slug} under the API root, checked by validate_url. */
  static Url repoRoot(Url apiRoot, String slug) {
    Objects.requireNonNull(slug, "slug");
    requireSlug(slug);
    Url url = repoUrlOf(apiRoot, slug);
    UrlValidator.require(url.toString(), List.of(), "FORGE_API");
    return url;
  }

  private static void requireSlug(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException("not an owner/name repository slug: '" + slug + "'");
    }
  }

  private static Url repoUrlOf(Url apiRoot, String slug) {
    int slash = slug.indexOf('/');
    return apiRoot.newBuilder().addPathSegment("repos").addPathSegment(slug.substring(0, slash))
        .addPathSegment(slug.substring(slash + 1)).build();
  }

  private static Url requireUrl(String url, String what) {
    UrlValidator.require(url, List.of(), what);
    Url parsed = Url.parse(url);
    if (parsed == null) {
      throw new InvalidUrlException(
          what + " validation failed - possible URL injection attempt (not a parsable URL)");
    }
    return parsed;
  }

  /** The URL as text, without the trailing slash of a non-root path. */
  static String withoutTrailingSlash(Url url) {
    String s = url.toString();
    return s.endsWith("/") && url.encodedPath().length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Appends a path (already encoded, starting with {@code /}, query included verbatim) to a scope.
   *
   * @throws IllegalArgumentException when the path does not start with {@code /} or is not valid
   */
  static Url append(Url scope, String path) {
    int q = path.indexOf('?');
    String p = q < 0 ? path : path.substring(0, q);
    Url.Builder b = scope.newBuilder();
    if (p.length() > 1) {
      b.addEncodedPathSegments(p.substring(1));
    }
    if (q >= 0) {
      b.encodedQuery(path.substring(q + 1));
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid forge path: '" + path + "'", e);
    }
  }
}
