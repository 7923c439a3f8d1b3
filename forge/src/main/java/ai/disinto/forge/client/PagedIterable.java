package ai.disinto.forge.client;

import com.squareup.moshi.JsonAdapter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a list endpoint, fetched lazily page by page as they are iterated: nothing is
 * requested until the first item is asked for, and a walk that stops early (a {@link #findFirst}
 * that matches on page 1) requests no further page. Each {@link #iterator()} starts a new walk.
 *
 * <p>Pages are requested with {@code limit} set to the page size and {@code page} = 1, 2, ...,
 * replacing any {@code limit}/{@code page} already in the path. The walk ends at an empty page,
 * when the items seen reach {@code X-Total-Count}, when a {@code Link} header has no {@code
 * rel="next"}, or when a page repeats the previous one (an endpoint that ignores paging). A page
 * shorter than asked for does not end the walk by itself, so a server capping pages below the
 * size asked for does not truncate the list. Mirrors {@code forge_api_all} in {@code lib/env.sh},
 * which always read every page.
 *
 * <p>Iterating throws what a page request throws: {@link ForgeException} on a non-2xx page (no
 * partial result is passed off as whole) or when more pages than the client's maximum would be
 * needed, {@link ForgeProtocolException} when a page is not a JSON array of such items, {@link
 * ForgeTransportException} when a page got no response.
 *
 * @param <T> the item type
 */
public final class PagedIterable<T> implements Iterable<T> {
  private static final Pattern LINK_NEXT = Pattern.compile("rel\\s*=\\s*\"?next\"?");

  private final ForgeClient client;
  private final Url base;
  private final JsonAdapter<T> adapter;
  private final int pageSize;
  private final int maxPages;

  PagedIterable(ForgeClient client, Url base, JsonAdapter<T> adapter, int pageSize,
      int maxPages) {
    this.client = client;
    this.base = base;
    this.adapter = adapter;
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  /**
   * The same listing with another page size ({@code limit}).
   *
   * @param size 1 or more
   * @return the listing
   * @throws IllegalArgumentException when {@code size} is below 1
   */
  public PagedIterable<T> withPageSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("page size < 1: " + size);
    }
    return new PagedIterable<>(client, base, adapter, size, maxPages);
  }

  /**
   * Starts a walk; the first page is requested by the first {@code hasNext()}.
   *
   * @return an iterator over the items in server order
   */
  @Override
  public Iterator<T> iterator() {
    return new Walk();
  }

  /**
   * The items as a sequential, lazy stream: pages are requested as the stream pulls items.
   *
   * @return the stream
   */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Reads every page.
   *
   * @return all items in server order; unmodifiable
   */
  public List<T> toList() {
    List<T> all = new ArrayList<>();
    iterator().forEachRemaining(all::add);
    return List.copyOf(all);
  }

  /**
   * The first item that matches, reading only as many pages as needed to find it.
   *
   * @param test the condition
   * @return the first match, or empty after the last page
   */
  public Optional<T> findFirst(Predicate<? super T> test) {
    for (T item : this) {
      if (test.test(item)) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  /** One walk over the pages. */
  private final class Walk implements Iterator<T> {
    private int page;
    private long seen;
    private String previousBody;
    private boolean done;
    private List<T> buffer = List.of();
    private int pos;

    @Override
    public boolean hasNext() {
      while (pos >= buffer.size() && !done) {
        fetch();
      }
      return pos < buffer.size();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.get(pos++);
    }

    private void fetch() {
      page++;
      Url url = base.newBuilder()
          .setQueryParameter("limit", Integer.toString(pageSize))
          .setQueryParameter("page", Integer.toString(page))
          .build();
      if (page > maxPages) {
        throw new ForgeException(0, "GET", Interceptors.Logging.pathOf(url), null, null,
            "more than " + maxPages + " pages; refusing to page further", null);
      }
      ForgeResponse response = client.execute("GET", url, null).orThrow();
      List<T> items = client.bindArray(response, adapter);
      pos = 0;
      if (items.isEmpty() || response.body().equals(previousBody)) {
        buffer = List.of();
        done = true;
        return;
      }
      buffer = items;
      seen += items.size();
      previousBody = response.body();
      OptionalLong total = response.totalCount();
      if (total.isPresent()) {
        done = seen >= total.getAsLong();
      } else {
        Optional<String> link = response.header("Link");
        done = link.isPresent() && !namesNext(link.get());
      }
    }
  }

  /**
   * Whether an RFC 8288 {@code Link} header names a next page. Only its presence is used: the URL
   * in it is built from Forgejo's {@code ROOT_URL}, which need not be the address this client
   * reaches the forge at (compose's {@code http://forgejo:3000}), so the next page URL is built
   * here instead.
   */
  private static boolean namesNext(String link) {
    for (String part : link.split(",")) {
      if (LINK_NEXT.matcher(part).find()) {
        return true;
      }
    }
    return false;
  }
}
