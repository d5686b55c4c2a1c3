package ai.aifabrix.miso;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.IntFunction;

import ai.aifabrix.miso.model.Pagination;

/**
 * Every item of a paged list, fetched page by page as the iteration goes:
 * {@code for (ApplicationSummary app : client.applications().listAll(ApplicationStatus.ACTIVE, null, null))}.
 */
final class Pages<P, T> implements Iterable<T> {
    private final IntFunction<P> fetch;
    private final Function<P, List<T>> items;
    private final Function<P, Pagination> pagination;

    Pages(IntFunction<P> fetch, Function<P, List<T>> items, Function<P, Pagination> pagination) {
        this.fetch = fetch;
        this.items = items;
        this.pagination = pagination;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<T>() {
            private int nextPage = 1;
            private boolean more = true;
            private Iterator<T> current = List.<T>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && more) {
                    P page = fetch.apply(nextPage++);
                    List<T> data = items.apply(page);
                    current = data.iterator();
                    more = !data.isEmpty() && Boolean.TRUE.equals(pagination.apply(page).getHasNext());
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
