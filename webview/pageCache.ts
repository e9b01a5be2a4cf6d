/**
 * Rows of a long server-side list, fetched in fixed-size pages as the table scrolls. Requests for
 * a page in flight are not repeated; answers that arrive after a reset (new sort or filter) are
 * dropped by generation; past `maxPages` the least recently used pages are evicted, so scrolling
 * through 100,000 rows keeps a few thousand in memory. Pure: no DOM.
 */
export interface PageSlice<T> {
  total: number;
  offset: number;
  rows: T[];
}

export type PageFetcher<T> = (offset: number, limit: number) => Promise<PageSlice<T>>;

export class PageCache<T> {
  private readonly pages = new Map<number, T[]>();
  private readonly inFlight = new Set<number>();
  private generation = 0;
  private knownTotal: number | null = null;
  private failure: string | null = null;

  constructor(
    private fetcher: PageFetcher<T>,
    /** Called whenever rows or the total arrive, so the table redraws. */
    private readonly onChange: () => void,
    readonly pageSize = 100,
    private readonly maxPages = 40,
  ) {}

  /** Rows in the list; null until the first page answers. */
  get total(): number | null {
    return this.knownTotal;
  }

  get error(): string | null {
    return this.failure;
  }

  /** The row at `index`, or undefined while its page loads (the load starts now). */
  get(index: number): T | undefined {
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (rows) {
      // Touch for LRU: Map keeps insertion order.
      this.pages.delete(page);
      this.pages.set(page, rows);
      return rows[index - page * this.pageSize];
    }
    this.load(page);
    return undefined;
  }

  /** Starts loading the pages covering [first, end) that are missing. */
  prefetch(first: number, end: number): void {
    for (let page = Math.floor(first / this.pageSize); page * this.pageSize < end; page++) {
      if (!this.pages.has(page)) this.load(page);
    }
  }

  /** Forgets everything, e.g. after the sort or filter changed; optionally with a new fetcher. */
  reset(fetcher?: PageFetcher<T>): void {
    if (fetcher) this.fetcher = fetcher;
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.knownTotal = null;
    this.failure = null;
  }

  private load(page: number): void {
    if (this.inFlight.has(page)) return;
    this.inFlight.add(page);
    const generation = this.generation;
    this.fetcher(page * this.pageSize, this.pageSize).then(
      (slice) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.pages.set(page, slice.rows);
        this.knownTotal = slice.total;
        this.failure = null;
        while (this.pages.size > this.maxPages) {
          const oldest = this.pages.keys().next().value as number;
          this.pages.delete(oldest);
        }
        this.onChange();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.failure = error instanceof Error ? error.message : String(error);
        this.onChange();
      },
    );
  }
}
