/**
 * Walking paged lists. Every list of the API answers `{data, pagination}` and takes `page` and
 * `limit`; `paginate` turns "fetch page n" into an async iterator over the items of every page.
 */
import type { Pagination } from "./generated/schema.js";

/** One page of a list, as every list operation returns it. */
export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

/** Fetches page `page` (1-based). */
export type PageFetcher<T> = (page: number) => Promise<Page<T>>;

/** The items of every page, fetched lazily one page at a time. */
export class PageIterator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #firstPage: number;

  constructor(fetchPage: PageFetcher<T>, firstPage = 1) {
    this.#fetchPage = fetchPage;
    this.#firstPage = firstPage;
  }

  /** Each page in turn, until the server says there is no next one. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let page = this.#firstPage;
    for (;;) {
      const current = await this.#fetchPage(page);
      yield current;
      // `has_next` is the server's word; an empty page also ends the walk, so a server that
      // keeps saying "next" cannot loop us forever.
      if (!current.pagination.has_next || current.data.length === 0) return;
      page = current.pagination.page + 1;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item of every page, in one array. */
  async toArray(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

/**
 * Iterate the items of a paged list:
 *
 * ```ts
 * for await (const app of paginate((page) => client.applications.list({ page, limit: 100 }))) { ... }
 * ```
 */
export function paginate<T>(fetchPage: PageFetcher<T>, firstPage = 1): PageIterator<T> {
  return new PageIterator(fetchPage, firstPage);
}
