import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SearchController } from '../controllers/search-controller.js';
import { EthoraSearchSelectEvent } from '../events/room-events.js';
import { MAX_QUERY, queryTerms, termPattern, type SearchHit } from '../session/search.js';
import { PanelElement } from './panel-base.js';
import { searchStyles } from './search-element.styles.js';
import { formatDay, formatTime, highlight } from './text.js';

/** History pages loaded per "Search further back" when the archive cannot search text. */
const FURTHER_PAGES = 20;

/**
 * Message search, in one room (`room`) or all of them: what this device has at once, then the
 * rooms' archives where the server searches text (else it says so). Results show the room,
 * author, time and the matches marked; Up/Down move through them, Enter opens one, Escape closes.
 *
 * @fires ethora-search-select {CustomEvent<{room: string, key: string, stanzaId?: string}>} the user chose a result
 * @fires ethora-close {CustomEvent} the search was closed
 * @csspart search-input, search-status, result, result-room, result-author, result-body, more
 *
 * @tag ethora-search
 */
export class SearchElement extends PanelElement {
  static override styles = [...PanelElement.styles, searchStyles];

  /** The room searched; '' (default) searches all rooms. */
  @property() room = '';
  /** The result the arrow keys are on (-1: none). */
  @state() private active = -1;
  /** Older history is being loaded to search it here. */
  @state() private further = false;
  private readonly searching = new SearchController(this, { session: () => this.session, room: () => this.room });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('room') && changed.get('room') !== undefined) this.searching.setQuery(this.searching.query);
  }

  protected override render() {
    const t = (text: string, values?: Readonly<Record<string, string | number>>) => this.t(text, values);
    const title = this.room ? this.session?.store.room(this.room)?.title : undefined;
    const label = title ? t('Search messages in {room}', { room: title }) : t('Search messages in all rooms');
    const hits = this.searching.hits.slice(0, this.searching.shown);
    const pattern = termPattern(queryTerms(this.searching.query));
    return html`<div class="box">
        <input type="search" part="search-input" role="combobox" aria-autocomplete="list" aria-controls="results"
          aria-expanded=${hits.length ? 'true' : 'false'} aria-activedescendant=${this.active >= 0 ? `hit-${this.active}` : nothing}
          aria-label=${label} placeholder=${label} maxlength=${MAX_QUERY} @input=${this.onInput} @keydown=${this.onSearchKey} />
        <button class="close" aria-label=${t('Close search')} @click=${() => this.close()}>×</button>
      </div>
      <p class="status" part="search-status" role="status">${this.status(hits.length)}</p>
      <ul id="results" role="listbox" aria-label=${t('Search results')}>
        ${hits.map((hit, i) => this.renderHit(hit, i, pattern))}
      </ul>
      ${this.searching.hasMore ? html`<button class="more" part="more" @click=${() => void this.searching.more()}>${t('More results')}</button>` : nothing}
      ${this.canGoFurther() ? html`<button class="more" part="more" ?disabled=${this.further} @click=${this.searchFurther}>${t('Search further back in this room')}</button>` : nothing}`;
  }

  private renderHit(hit: SearchHit, i: number, pattern: RegExp | undefined) {
    const room = this.room ? undefined : (this.session?.store.room(hit.room)?.title ?? hit.room);
    // An option of the combobox: the search box's keys (arrows, Enter) choose it, focus stays in the box.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<li id="hit-${i}" role="option" part="result" aria-selected=${i === this.active ? 'true' : 'false'}
      @click=${() => this.choose(hit)} @mousemove=${() => (this.active = i)}>
      <div class="meta">
        ${room ? html`<span class="room" part="result-room">${room}</span>` : nothing}
        <span part="result-author">${hit.author}</span>
        <time datetime=${new Date(hit.time).toISOString()}>${formatDay(hit.time, Date.now(), this.i18n)} ${formatTime(hit.time, this.i18n)}</time>
      </div>
      <div part="result-body">${highlight(hit.body, pattern).map((p) => (p.match ? html`<mark>${p.text}</mark>` : p.text))}</div>
    </li>`;
  }

  private status(shown: number) {
    const s = this.searching;
    if (!queryTerms(s.query).length) return '';
    const found = shown ? '' : this.t('No messages found.');
    if (s.archive === 'searching') return this.t('Searching the server…');
    if (s.archive === 'unavailable') return `${found} ${this.t('Server search not available: showing messages on this device.')}`.trim();
    if (s.archive === 'failed') return `${found} ${this.t('Server search failed: showing messages on this device.')}`.trim();
    return found;
  }

  /** The archive cannot search text here: older history can be loaded and searched on the device. */
  private canGoFurther(): boolean {
    const room = this.room ? this.session?.store.room(this.room) : undefined;
    const s = this.searching;
    return !!room && !room.timeline.complete && !room.historyError && (s.archive === 'unavailable' || s.archive === 'failed');
  }

  private async searchFurther(): Promise<void> {
    const session = this.session;
    if (!session || this.further) return;
    this.further = true;
    try {
      for (let i = 0; i < FURTHER_PAGES; i++) {
        const r = session.store.room(this.room);
        if (!r || r.timeline.complete || r.historyError) break;
        await session.loadOlder(this.room);
      }
    } finally {
      this.further = false;
    }
    this.searching.setQuery(this.searching.query);
  }

  private onInput(e: Event): void {
    this.active = -1;
    this.searching.setQuery((e.target as HTMLInputElement).value);
  }

  private onSearchKey(e: KeyboardEvent): void {
    const count = Math.min(this.searching.hits.length, this.searching.shown);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!count) return;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % count : (this.active - 1 + count) % count;
      void this.updateComplete.then(() => this.renderRoot.querySelector(`#hit-${this.active}`)?.scrollIntoView({ block: 'nearest' }));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = this.searching.hits[this.active >= 0 ? this.active : 0];
      if (hit && count) this.choose(hit);
    }
  }

  private choose(hit: SearchHit): void {
    this.dispatchEvent(new EthoraSearchSelectEvent({ room: hit.room, key: hit.key, ...(hit.stanzaId ? { stanzaId: hit.stanzaId } : {}) }));
  }
}
