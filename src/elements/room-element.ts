import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { consume } from '@lit/context';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ScrollAnchorController } from '../controllers/scroll-anchor-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import type { Room } from '../state/room.js';
import { sessionContext } from './session-context.js';
import { formatDay } from './text.js';
import { theme } from './theme.js';
import { timelineItems } from './timeline-items.js';

/** Distance (px) from the top at which the previous page of history is loaded. */
const EDGE = 48;

/**
 * One room: header, the message timeline (history paged from the archive as the reader
 * scrolls up, then live messages), and the composer.
 *
 * @fires ethora-back {CustomEvent} the user asked to go back to the room list (narrow layout)
 * @csspart header, title, timeline, new-messages, composer
 */
export class RoomElement extends LitElement {
  static override styles = [
    theme,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; min-width: 0; background: var(--_bg); position: relative; }
      header {
        display: flex; align-items: center; gap: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5);
        border-bottom: 1px solid var(--_border); min-height: 48px;
      }
      h2 { margin: 0; font-size: 1.05em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .sub { color: var(--_muted); font-size: 0.85em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .titles { min-width: 0; flex: 1; }
      .back { border: none; background: none; font-size: 1.2em; padding: 4px 8px; }
      /* Inside a wide <ethora-chat> the room list is beside the room: no way back needed. */
      @container (min-width: 600px) { .back { display: none; } }
      .log { flex: 1; overflow-y: auto; overscroll-behavior: contain; overflow-anchor: none; position: relative; padding: var(--_space) 0; }
      ol { list-style: none; margin: 0; padding: 0; }
      .day { text-align: center; color: var(--_muted); font-size: 0.8em; margin: var(--_space) 0; }
      .notice { text-align: center; color: var(--_muted); font-size: 0.85em; padding: var(--_space); }
      .error { color: var(--_error); }
      .notice button { border: 1px solid var(--_border); background: var(--_surface); border-radius: 6px; padding: 2px 10px; }
      ethora-message:not([continued]) { margin-top: 6px; }
      .new {
        position: absolute; left: 50%; transform: translateX(-50%); bottom: 72px; border: none;
        background: var(--_accent); color: var(--_accent-text); border-radius: 16px; padding: 6px 14px;
        box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
      }
    `,
  ];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  /** The room's JID. */
  @property() room = '';
  /** Show a back button (narrow layouts). */
  @property({ type: Boolean }) back = false;
  /** The room's join state (idle, joining, joined, error), reflected for styling. */
  @property({ attribute: 'join-state', reflect: true }) joinState = 'idle';
  /** Messages that arrived while the reader was scrolled up. */
  @state() private unseen = 0;
  @query('.log') private log?: HTMLElement;
  private readonly roomState = new StoreController(this, () => ({
    session: this.session,
    topic: this.room ? (`room:${this.room}` as const) : undefined,
  }));
  private readonly anchoring = new ScrollAnchorController(this, () => this.log, () => this.log?.querySelector('ol'));
  /** The newest message when the view last updated. */
  private lastSeenKey?: string;

  private get data(): Room | undefined {
    return this.session?.store.room(this.room);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.roomState.refresh();
    this.joinState = this.data?.join ?? 'idle';
    if (changed.has('room')) {
      this.unseen = 0;
      this.lastSeenKey = undefined;
      this.anchoring.reset();
    }
    const msgs = this.data?.timeline.messages ?? [];
    const lastKey = msgs[msgs.length - 1]?.key;
    if (lastKey !== this.lastSeenKey) {
      // New messages at the end while the reader is scrolled up: count them for the button.
      if (!this.anchoring.stuck && this.lastSeenKey) {
        const at = msgs.findIndex((m) => m.key === this.lastSeenKey);
        this.unseen += at < 0 ? 1 : msgs.length - 1 - at;
      }
      this.lastSeenKey = lastKey;
    }
  }

  protected override updated(): void {
    this.maybeLoadOlder();
  }

  protected override render() {
    const room = this.data;
    if (!room) return html`<p class="notice">Choose a room.</p>`;
    const members = room.occupants.size;
    return html`
      <header part="header">
        ${this.back ? html`<button class="back" aria-label="Back to rooms" @click=${this.onBack}>‹</button>` : nothing}
        <div class="titles">
          <h2 part="title">${room.title}</h2>
          <div class="sub">${this.renderSubtitle(room, members)}</div>
        </div>
      </header>
      <div class="log" part="timeline" role="log" aria-live="polite" aria-label="Messages in ${room.title}" tabindex="0" @scroll=${this.onScroll} @ethora-retry=${this.onRetry}>
        ${this.renderTop(room)}
        <ol>
          ${repeat(timelineItems(room.timeline.messages), (i) => i.key, (i) =>
            i.kind === 'day'
              ? html`<li class="day" role="separator">${formatDay(i.time)}</li>`
              : html`<li data-key=${i.key}><ethora-message .message=${i.message} ?continued=${i.continued}></ethora-message></li>`,
          )}
        </ol>
      </div>
      ${this.unseen > 0
        ? html`<button class="new" part="new-messages" @click=${this.toBottom}>${this.unseen} new message${this.unseen > 1 ? 's' : ''} ↓</button>`
        : nothing}
      <ethora-composer part="composer" label="Message ${room.title}" @ethora-send=${this.onSend} ?disabled=${room.join === 'error'}></ethora-composer>
    `;
  }

  private renderSubtitle(room: Room, members: number) {
    if (room.join === 'error') return html`<span class="error" role="alert">${room.joinError}</span>`;
    if (room.join === 'joining') return 'Joining…';
    return room.description || (members ? `${members} online` : '');
  }

  private renderTop(room: Room) {
    if (room.historyError)
      return html`<p class="notice error">Could not load history: ${room.historyError}
        <button @click=${this.loadOlder}>Try again</button></p>`;
    if (room.loadingHistory) return html`<p class="notice" role="status">Loading history…</p>`;
    if (room.timeline.complete) return room.timeline.size ? html`<p class="notice">Start of the conversation</p>` : html`<p class="notice">No messages yet. Say hello!</p>`;
    if (!room.historyFetched) return nothing;
    return html`<p class="notice"><button @click=${this.loadOlder}>Load older messages</button></p>`;
  }

  private onScroll(): void {
    this.anchoring.onScroll();
    if (this.anchoring.stuck) this.unseen = 0;
    this.maybeLoadOlder();
  }

  /** Loads an older page when the reader is at the top, or the timeline does not fill the view. */
  private maybeLoadOlder(): void {
    const room = this.data;
    const log = this.log;
    if (!room || !log || !room.historyFetched || room.loadingHistory || room.historyError || room.timeline.complete) return;
    if (log.scrollTop < EDGE || log.scrollHeight <= log.clientHeight) this.loadOlder();
  }

  private loadOlder(): void {
    void this.session?.loadOlder(this.room);
  }

  private toBottom(): void {
    this.anchoring.toBottom();
    this.unseen = 0;
  }

  private onSend(e: CustomEvent<{ text: string }>): void {
    this.session?.send(this.room, e.detail.text);
    this.toBottom();
  }

  private onRetry(e: CustomEvent<{ key: string }>): void {
    this.session?.retrySend(this.room, e.detail.key);
  }

  private onBack(): void {
    this.dispatchEvent(new CustomEvent('ethora-back', { bubbles: true, composed: true }));
  }
}
