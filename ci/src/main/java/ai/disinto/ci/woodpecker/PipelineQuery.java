package ai.disinto.ci.woodpecker;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a repository's pipelines to read, and the server-side filters. Woodpecker pages
 * with {@code page} and {@code perPage} (at most 50) and sends no total: a page shorter than
 * {@code perPage} is the last.
 *
 * @param page the page, from 1
 * @param perPage the page size, 1 to 50
 * @param branch only pipelines of this branch
 * @param event only pipelines of these events (comma list, such as {@code push,pull_request})
 * @param status only pipelines with this status
 */
public record PipelineQuery(int page, int perPage, Optional<String> branch,
    Optional<String> event, Optional<String> status) {
  /** The largest page Woodpecker serves. */
  public static final int MAX_PER_PAGE = 50;

  /** Checks the values. */
  public PipelineQuery {
    if (page < 1) {
      throw new IllegalArgumentException("page < 1: " + page);
    }
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new IllegalArgumentException("perPage outside 1.." + MAX_PER_PAGE + ": " + perPage);
    }
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The first page of 50, unfiltered.
   *
   * @return the query
   */
  public static PipelineQuery firstPage() {
    return new PipelineQuery(1, MAX_PER_PAGE, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Copies this query for another page.
   *
   * @param n the page, from 1
   * @return the new query
   */
  public PipelineQuery withPage(int n) {
    return new PipelineQuery(n, perPage, branch, event, status);
  }

  /**
   * Copies this query with another page size.
   *
   * @param n the page size, 1 to 50
   * @return the new query
   */
  public PipelineQuery withPerPage(int n) {
    return new PipelineQuery(page, n, branch, event, status);
  }

  /**
   * Copies this query filtered to a branch.
   *
   * @param name the branch
   * @return the new query
   */
  public PipelineQuery withBranch(String name) {
    return new PipelineQuery(page, perPage, Optional.of(name), event, status);
  }

  /**
   * Copies this query filtered to events.
   *
   * @param events a comma list of events
   * @return the new query
   */
  public PipelineQuery withEvent(String events) {
    return new PipelineQuery(page, perPage, branch, Optional.of(events), status);
  }

  /**
   * Copies this query filtered to a status.
   *
   * @param value the status
   * @return the new query
   */
  public PipelineQuery withStatus(String value) {
    return new PipelineQuery(page, perPage, branch, event, Optional.of(value));
  }
}
