import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession } from '../session/chat-session.js';
import { mergeHits, queryTerms, type SearchHit } from '../session/search.js';

/** Quiet typing (ms) before a query runs. */
const DEBOUNCE_MS = 250;
/** Results shown at first and added by "More results". */
export const RESULTS_PAGE = 20;
/** Local results asked for; archive results per room and page. */
const LOCAL_LIMIT = 100;
const ARCHIVE_PAGE = 20;
/** A search across rooms asks the archives of at most this many rooms (the most recently active). */
const ARCHIVE_ROOMS = 10;

/** Where the archive part of a search is: not asked, running, answered, not offered by the server, failed. */
export type ArchiveState = 'idle' | 'searching' | 'done' | 'unavailable' | 'failed';

export interface SearchConfig {
  session: () => ChatSession | undefined;
  /** The room searched; '' for all rooms. */
  room: () => string;
}

/**
 * One search box's queries: the device's messages at once, then the rooms' archives where they
 * search text; typing is debounced, and the answers of a query that was replaced are dropped.
 * `hits` are newest first and only of rooms the user is still in.
 */
export class SearchController implements ReactiveController {
  query = '';
  archive: ArchiveState = 'idle';
  /** How many of the hits are shown. */
  shown = RESULTS_PAGE;
  private all: SearchHit[] = [];
  /** The next older archive page per room (RSM `before`). */
  private readonly cursors = new Map<string, string>();
  private timer?: ReturnType<typeof setTimeout>;
  /** Bumped by every new query: answers of an older one are dropped. */
  private generation = 0;
  private loadingMore = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: SearchConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.generation++;
  }

  /** The hits, newest first, of rooms the user is in. */
  get hits(): SearchHit[] {
    const store = this.config.session()?.store;
    return this.all.filter((h) => !!store?.room(h.room));
  }

  /** More to show: hidden hits, or archive pages not fetched. */
  get hasMore(): boolean {
    return this.hits.length > this.shown || (this.cursors.size > 0 && this.archive === 'done');
  }

  /** The text typed: searched after a pause. */
  setQuery(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    const generation = ++this.generation;
    if (!queryTerms(query).length) {
      this.reset();
      return this.host.requestUpdate();
    }
    this.timer = setTimeout(() => void this.run(generation), DEBOUNCE_MS);
  }

  /** Shows more hits: the next ones found, else the next archive pages. */
  async more(): Promise<void> {
    if (this.hits.length > this.shown) {
      this.shown += RESULTS_PAGE;
      return this.host.requestUpdate();
    }
    if (this.loadingMore || !this.cursors.size) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.archive = 'searching';
    this.host.requestUpdate();
    try {
      await this.searchArchives([...this.cursors.keys()], generation);
      if (generation === this.generation) this.shown += RESULTS_PAGE;
    } finally {
      this.loadingMore = false;
      this.host.requestUpdate();
    }
  }

  private reset(): void {
    this.all = [];
    this.cursors.clear();
    this.archive = 'idle';
    this.shown = RESULTS_PAGE;
  }

  private async run(generation: number): Promise<void> {
    const session = this.config.session();
    if (!session) return;
    const room = this.config.room() || undefined;
    const query = this.query;
    this.reset();
    try {
      const local = await session.localSearch.search(query, { ...(room ? { room } : {}), limit: LOCAL_LIMIT });
      if (generation !== this.generation) return;
      this.all = mergeHits(local);
    } catch {
      /* the device's copy failed: the archive may still answer */
    }
    this.archive = 'searching';
    this.host.requestUpdate();
    const rooms = room
      ? [room]
      : session.store.sortedRooms
          .filter((r) => r.join === 'joined')
          .slice(0, ARCHIVE_ROOMS)
          .map((r) => r.jid);
    await this.searchArchives(rooms, generation);
    this.host.requestUpdate();
  }

  /** One archive page of each room (the next one, where a page was fetched before). */
  private async searchArchives(rooms: readonly string[], generation: number): Promise<void> {
    const session = this.config.session();
    if (!session) return;
    const query = this.query;
    const pages = await Promise.allSettled(rooms.map((r) => session.archiveSearch.search(r, query, this.cursors.get(r) ?? '', ARCHIVE_PAGE)));
    if (generation !== this.generation) return;
    let offered = false;
    let failed = false;
    pages.forEach((p, i) => {
      const room = rooms[i];
      this.cursors.delete(room);
      if (p.status === 'rejected') return void (failed = true);
      if (!p.value) return;
      offered = true;
      this.all = mergeHits(this.all, p.value.hits);
      if (p.value.next) this.cursors.set(room, p.value.next);
    });
    this.archive = offered ? 'done' : failed ? 'failed' : 'unavailable';
  }
}
