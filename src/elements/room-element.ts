import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { EthoraSendEvent, type EthoraAttachEvent, type EthoraMessageActionEvent, type EthoraTypingEvent, type SendDetail } from '../events/message-events.js';
import { EthoraBackEvent, type EthoraSearchSelectEvent, type SearchSelectDetail } from '../events/room-events.js';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { DraftController, type RoomMode } from '../controllers/draft-controller.js';
import { FileDropController } from '../controllers/file-drop-controller.js';
import { ReadingPositionController } from '../controllers/reading-position-controller.js';
import { ScrollAnchorController } from '../controllers/scroll-anchor-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { TimelineWindowController } from '../controllers/timeline-window-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import type { Room } from '../state/room.js';
import type { ComposerElement } from './composer-element.js';
import { sessionContext } from './session-context.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { peopleIcon, searchIcon } from './icons.js';
import { typingText } from './text.js';
import { roomStyles } from './room-element.styles.js';
import { theme } from './theme.js';
import { isolate } from '../state/identity.js';

import { timelineItems } from './timeline-items.js';
import { RowValues, renderSidePanel, renderSubtitle, renderTimelineItem, renderTop, renderUploads, type Side } from './room-parts.js';

export { typingText } from './text.js';
export { MAX_FILES_AT_ONCE } from '../controllers/file-drop-controller.js';

/**
 * One room: header, the message timeline (history paged from the archive as the reader
 * scrolls up, then live messages), and the composer. Only a window of the loaded timeline is
 * rendered (timeline-window.ts): it moves as the reader reaches one of its ends.
 *
 * @fires ethora-back {CustomEvent} the user asked to go back to the room list (narrow layout)
 * @csspart header, title, actions, timeline, new-messages, composer
 *
 * @tag ethora-room
 */
export class RoomElement extends LitElement {
  static override styles = [theme, roomStyles];

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  /** The room's JID. */
  @property() room = '';
  /** Show a back button (narrow layouts). */
  @property({ type: Boolean }) back = false;
  /** The room's join state (idle, joining, joined, error), reflected for styling. */
  @property({ attribute: 'join-state', reflect: true }) joinState = 'idle';
  /** The composer is editing or replying to this message. */
  @state() private mode?: RoomMode;
  /** A message to highlight briefly (the original of a clicked reply). */
  @state() private highlighted?: string;
  /** A side panel over the timeline: the members, the room's settings, or search. */
  @state() private side?: Side;
  private get log(): HTMLElement | null {
    return this.renderRoot?.querySelector('.log') ?? null;
  }
  private get composer(): ComposerElement | null {
    return this.renderRoot?.querySelector('ethora-composer') ?? null;
  }
  private readonly roomState = new StoreController(this, () => ({
    session: this.session,
    topic: this.room ? (`room:${this.room}` as const) : undefined,
  }));
  /** Offline, the header says so instead of occupants that are not current. */
  private readonly connectionState = new StoreController(this, () => ({ session: this.session, topic: 'connection' }));
  private readonly anchoring: ScrollAnchorController = new ScrollAnchorController(
    this,
    () => this.log,
    () => this.log?.querySelector('ol'),
    () => this.timeline.atEnd,
  );
  private readonly timeline: TimelineWindowController = new TimelineWindowController(this, {
    room: () => this.data,
    log: () => this.log,
    anchoring: this.anchoring,
    loadOlder: () => this.loadOlder(),
  });
  private readonly reading = new ReadingPositionController(this, { session: () => this.session, jid: () => this.room, atNewest: () => this.anchoring.stuck });
  private readonly drafts = new DraftController(this, {
    session: () => this.session,
    room: () => this.room,
    composer: () => this.composer,
    mode: () => this.mode,
    setMode: (mode) => (this.mode = mode),
  });
  private readonly files = new FileDropController(this, { upload: (file) => void this.session?.upload(this.room, file), i18n: () => this.i18n });

  private get data(): Room | undefined {
    return this.session?.store.room(this.room);
  }

  /** Renders once the stanzas the session queued are written: the user's message goes out before it is drawn. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.session?.written()?.then(() => super.scheduleUpdate()) ?? super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.roomState.refresh();
    this.connectionState.refresh();
    this.joinState = this.data?.join ?? 'idle';
    if (changed.has('room')) {
      this.side = undefined;
      this.reading.reset();
      this.anchoring.reset();
      this.timeline.reset();
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('mode')) this.drafts.saveSoon();
  }

  protected override render() {
    const room = this.data;
    const t = (text: string, values?: Readonly<Record<string, string | number>>) => this.i18n.t(text, values);
    if (!room) return html`<p class="notice">${t('Choose a room.')}</p>`;
    const members = room.occupants.size;
    const voiceless = room.join === 'joined' && room.occupants.get(room.nick)?.role === 'visitor';
    const values = this.rowValues;
    const items = { i18n: this.i18n, session: this.session!, highlighted: this.highlighted, values, me: values.myKeys(this.session!.store.me, room.nick) };
    return html`
      <div class="header" part="header">
        ${this.back ? html`<button class="back" aria-label=${t('Back to rooms')} @click=${this.onBack}>‹</button>` : nothing}
        <div class="titles">
          <h2 part="title">${room.title}</h2>
          <div class="sub">${renderSubtitle(room, members, this.session?.store.connection.status ?? 'idle', this.i18n)}</div>
        </div>
        ${this.tool('search', this.i18n.t('Search messages in {room}', { room: room.title }), searchIcon)}
        ${room.join === 'joined' ? this.renderTools(room) : nothing}
        <ethora-room-actions part="actions" .room=${room.jid}></ethora-room-actions>
      </div>
      ${this.side ? this.renderSide() : nothing}
      <div class="log" part="timeline" role="log" aria-live="polite" aria-label=${t('Messages in {room}', { room: room.title })} tabindex="0"
        @scroll=${this.onScroll} @ethora-retry=${this.onRetry} @ethora-message-action=${this.onAction} @ethora-jump=${this.onJump}>
        ${renderTop(room, this.timeline, this.i18n, this.topActions)}
        <ol>
          ${repeat(
            timelineItems(room.timeline.messages.slice(this.timeline.shown.start, this.timeline.shown.end), this.reading.divider),
            (i) => i.key,
            (i) => renderTimelineItem(room, i, items),
          )}
        </ol>
        ${
          this.timeline.shown.end < room.timeline.size
            ? html`<p class="notice"><button @click=${() => this.timeline.showNewer()}>${this.i18n.t('Show newer messages')}</button></p>`
            : nothing
        }
      </div>
      ${
        this.reading.unseen > 0
          ? html`<button class="new" part="new-messages" @click=${this.toBottom}>${this.i18n.n('{n} new message', '{n} new messages', this.reading.unseen)} ↓</button>`
          : nothing
      }
      ${room.actionError ? html`<p class="notice error" role="alert">${this.i18n.sentence(room.actionError)}</p>` : nothing}
      ${this.files.notice ? html`<p class="notice error" role="alert" part="file-limit">${this.files.notice}</p>` : nothing}
      ${renderUploads(room, this.i18n, (id) => this.session?.cancelUpload(this.room, id))}
      <div class="typing" part="typing" aria-live="polite">${typingText(
        [...room.typing].filter(([nick]) => !this.session!.store.isBlockedNick(room, nick)).map(([, x]) => isolate(x.name)),
        this.i18n,
      )}</div>
      ${voiceless ? html`<p class="notice" part="no-voice" role="status">${t('You can read this room but not post: a moderator has not given you voice.')}</p>` : nothing}
      <ethora-composer part="composer" .room=${this.room} label=${t('Message {room}', { room: room.title })} .mode=${this.mode} ?disabled=${room.join === 'error' || voiceless}
        @ethora-send=${this.onSend} @ethora-attach=${(e: EthoraAttachEvent) => this.files.attach(e.detail.files)} @ethora-edit-last=${this.onEditLast} @ethora-cancel=${() => (this.mode = undefined)}
        @input=${() => this.drafts.saveSoon()} @ethora-typing=${(e: EthoraTypingEvent) => this.session?.typing(this.room, e.detail.state)}></ethora-composer>
    `;
  }

  private renderTools(room: Room) {
    const rights = this.session?.admin.rights(room.jid);
    return html`${this.tool('members', this.i18n.t('Members of {room}', { room: room.title }), peopleIcon)}${rights?.configure ? this.tool('settings', this.i18n.t('Room settings'), '⚙') : nothing}`;
  }

  private tool(side: Side, label: string, icon: unknown) {
    return html`<button class="tool" part="${side}-button" aria-label=${label} title=${label} aria-expanded=${this.side === side ? 'true' : 'false'}
      @click=${() => this.toggleSide(side)}>${icon}</button>`;
  }

  private renderSide() {
    const close = () => {
      const was = this.side;
      this.side = undefined;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part="${was}-button"]`)?.focus());
    };
    return renderSidePanel(this.side!, this.room, this.i18n, { close, searchSelect: (e) => this.onSearchSelect(e) });
  }

  private toggleSide(side: Side): void {
    this.side = this.side === side ? undefined : side;
    if (this.side) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.side > *')?.focus());
  }

  private readonly rowValues = new RowValues();

  /** The buttons above the timeline (the same functions every render). */
  private readonly topActions = { showOlder: () => this.onShowOlder(), loadOlder: () => this.loadOlder() };

  private onScroll(): void {
    this.anchoring.onScroll();
    if (this.anchoring.stuck) this.reading.seen();
    this.timeline.onScroll();
    this.reading.update();
  }

  private loadOlder(): void {
    void this.session?.loadOlder(this.room);
  }

  /** The button above the window: the reader is at its top, where the older messages go. */
  private onShowOlder(): void {
    if (this.log) this.log.scrollTop = 0;
    this.timeline.showOlder();
  }

  private toBottom(): void {
    this.timeline.toBottom();
    this.reading.seen();
  }

  /**
   * The composer's send, told to the page with the room and the reply or edit before anything
   * is sent: a page listener's preventDefault() sends nothing, and the composer keeps the text.
   */
  private onSend(e: EthoraSendEvent): void {
    e.stopPropagation();
    const mode = this.mode;
    const detail: SendDetail = { room: this.room, text: e.detail.text };
    if (mode) detail[mode.kind === 'edit' ? 'edit' : 'replyTo'] = mode.key;
    if (!this.dispatchEvent(new EthoraSendEvent(detail))) return void e.preventDefault();
    this.mode = undefined;
    this.drafts.clear();
    if (detail.edit) return void this.session?.edit(this.room, detail.edit, detail.text);
    this.session?.send(this.room, detail.text, detail.replyTo ? { replyTo: detail.replyTo } : undefined);
    this.toBottom();
  }

  /** Up arrow in an empty composer: edit the newest message of ours. */
  private onEditLast(): void {
    const msgs = this.data?.timeline.messages ?? [];
    let i = msgs.length;
    while (i-- > 0 && !(msgs[i].own && !msgs[i].deleted && !msgs[i].system && msgs[i].status === 'sent'));
    if (i >= 0) this.mode = { kind: 'edit', key: msgs[i].key, text: msgs[i].body };
  }

  private onAction(e: EthoraMessageActionEvent): void {
    const { action, emoji, key } = e.detail;
    const m = this.data?.timeline.find(key);
    if (!m || !this.session) return;
    if (action === 'react' && emoji) this.session.toggleReaction(this.room, key, emoji);
    else if (action === 'delete') this.session.remove(this.room, key);
    else if (action === 'moderate') void this.session.moderate(this.room, key, e.detail.reason);
    else if (action === 'block') void this.session.blockSender(this.room, key);
    else if (action === 'edit') this.mode = { kind: 'edit', key, text: m.body };
    else if (action === 'reply') this.mode = { kind: 'reply', key, author: m.senderName, text: m.body.slice(0, 120) };
  }

  /** Shows the original of a reply, loading older history until it is there. */
  private onJump(e: CustomEvent<{ id: string }>): void {
    void this.revealMessage({ stanzaId: e.detail.id });
  }

  /** A search result of this room: the search closes and the message shows. */
  private onSearchSelect(e: EthoraSearchSelectEvent): void {
    if (e.detail.room !== this.room) return;
    e.stopPropagation();
    this.side = undefined;
    void this.revealMessage(e.detail);
  }

  /**
   * Shows a message of this room with the history around it, highlighted and focused: by its
   * archive id (loading older history until it is there), else by its key.
   */
  async revealMessage(target: Partial<Pick<SearchSelectDetail, 'key' | 'stanzaId'>>): Promise<void> {
    await this.updateComplete;
    const key = target.stanzaId ? await this.session?.findMessage(this.room, target.stanzaId) : target.key && this.data?.timeline.find(target.key)?.key;
    if (!key) return;
    // The loaded history renders at the next frame (StoreController): render it now, with the
    // window around the original.
    const li = await this.timeline.around(key);
    if (!li) return;
    this.anchoring.reveal(li);
    this.highlighted = key;
    li.querySelector('ethora-message')?.focus({ preventScroll: true });
    setTimeout(() => (this.highlighted = this.highlighted === key ? undefined : this.highlighted), 2000);
  }

  private onRetry(e: CustomEvent<{ key: string }>): void {
    this.session?.retrySend(this.room, e.detail.key);
  }

  private onBack(): void {
    this.dispatchEvent(new EthoraBackEvent());
  }
}
