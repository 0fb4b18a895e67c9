import { LitElement, html, nothing } from 'lit';
import { EthoraRoomSelectEvent } from '../events/room-events.js';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { StoreController } from '../controllers/store-controller.js';
import type { ChatSession } from '../session/chat-session.js';
import type { Room } from '../state/room.js';
import { sessionContext } from './session-context.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { isolate } from '../state/identity.js';
import { mediaLabel } from '../state/message.js';
import { roomListStyles } from './room-list-element.styles.js';

/**
 * The user's rooms, newest activity first (pinned ones on top): name, last message, unread
 * count (grey when muted); the active room is highlighted. A toolbar filters by name and opens
 * the settings.
 *
 * @fires ethora-room-select {CustomEvent<{room: string}>} the user picked a room
 * @csspart list, list-error, room, room-name, thumbnail, preview, unread, muted
 *
 * @tag ethora-room-list
 */
export class RoomListElement extends LitElement {
  static override styles = [theme, roomListStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  private readonly rooms = new StoreController(this, () => ({ session: this.session, topic: 'rooms' }));
  /** The room list is being asked for again (Try again after it failed). */
  @state() private reloading = false;
  /** Search text: only rooms whose name contains it are listed. */
  @state() private query = '';
  @state() private settingsOpen = false;
  /** The message search (all rooms) replaces the list. */
  @state() private searchOpen = false;

  protected override willUpdate(): void {
    this.rooms.refresh();
  }

  protected override render() {
    const store = this.session?.store;
    if (!store) return nothing;
    const q = this.query.trim().toLocaleLowerCase();
    const rooms = store.sortedRooms.filter((r) => !q || r.title.toLocaleLowerCase().includes(q));
    return html`<ethora-room-list-toolbar ?settingsOpen=${this.settingsOpen} ?searchOpen=${this.searchOpen}
        @ethora-room-filter=${(e: CustomEvent<{ query: string }>) => (this.query = e.detail.query)}
        @ethora-search-toggle=${this.toggleSearch}
        @ethora-settings-toggle=${() => (this.settingsOpen = !this.settingsOpen)}></ethora-room-list-toolbar>
      ${this.settingsOpen ? html`<ethora-settings></ethora-settings>` : nothing}
      ${this.searchOpen ? html`<ethora-search part="search-panel" @ethora-close=${this.toggleSearch}></ethora-search>` : nothing}
      <nav aria-label=${this.i18n.t('Rooms')}>
      <h2 id="rooms-heading">${this.i18n.t('Rooms')}${store.totalUnread ? html` <span class="sr-only">${this.i18n.t('({n} unread)', { n: store.totalUnread })}</span>` : nothing}</h2>
      ${
        store.roomListError
          ? html`<p class="empty error" part="list-error" role="alert">${this.i18n.t('Could not load your rooms: {reason}', { reason: this.i18n.sentence(store.roomListError) })}
            <button class="retry" aria-disabled=${this.reloading ? 'true' : 'false'} @click=${this.reload}>${this.i18n.t('Try again')}</button></p>`
          : nothing
      }
      ${
        rooms.length === 0
          ? store.roomListError
            ? nothing
            : html`<p class="empty">${this.i18n.t(q ? 'No room matches your search.' : 'No rooms yet.')}</p>`
          : html`<ul part="list" aria-labelledby="rooms-heading">
            ${repeat(
              rooms,
              (r) => r.jid,
              (r) => this.renderRoom(r, r.jid === store.activeRoom),
            )}
          </ul>`
      }
    </nav>`;
  }

  /** Shows or hides the message search; focus goes to its box, or back to its button. */
  private async toggleSearch(): Promise<void> {
    this.searchOpen = !this.searchOpen;
    await this.updateComplete;
    const toolbar = this.renderRoot.querySelector('ethora-room-list-toolbar');
    if (this.searchOpen) this.renderRoot.querySelector('ethora-search')?.focus();
    else toolbar?.shadowRoot?.querySelector<HTMLElement>('[part="search-messages-button"]')?.focus();
  }

  /** Asks the server for the user's rooms again after the list failed. */
  private async reload(): Promise<void> {
    if (this.reloading) return;
    this.reloading = true;
    try {
      await this.session?.reloadRooms();
    } finally {
      this.reloading = false;
    }
  }

  private renderRoom(room: Room, active: boolean) {
    const last = room.timeline.lastChat;
    const hidden = last && this.session!.store.isHidden(last);
    const t = (text: string) => this.i18n.t(text);
    const preview =
      room.join === 'error'
        ? this.i18n.sentence(room.joinError ?? '')
        : hidden
          ? t('Hidden message from a blocked user')
          : last
            ? `${isolate(last.senderName)}: ${last.deleted ? t('Message deleted') : last.media ? this.i18n.sentence(mediaLabel(last.media)) : last.body}`
            : '';
    return html`<li>
      <button part="room" aria-current=${active ? 'true' : 'false'} @click=${() => this.select(room.jid)}>
        <span class="name">${room.thumbnail ? html`<img part="thumbnail" src=${room.thumbnail} alt="" width="20" height="20" loading="lazy" referrerpolicy="no-referrer" />` : nothing}<span part="room-name">${room.title}</span>${room.usersCount !== undefined ? html` <small class="count">· ${this.i18n.n('{n} member', '{n} members', room.usersCount)}</small>` : nothing}</span>
        ${
          room.unread
            ? html`<span class="unread ${room.muted ? 'muted' : ''}" part="unread" aria-label=${room.unreadMore ? this.i18n.t('{n} or more unread', { n: room.unread }) : this.i18n.t('{n} unread', { n: room.unread })}>${room.unread > 99 ? '99+' : `${room.unread}${room.unreadMore ? '+' : ''}`}</span>`
            : html`<span></span>`
        }
        <span class="preview ${room.join === 'error' ? 'error' : ''}" part="preview">${room.muted ? html`<span part="muted" role="img" aria-label=${t('Muted')}>🔕</span> ` : nothing}${preview?.slice(0, 140)}</span>
      </button>
    </li>`;
  }

  private select(room: string): void {
    this.session?.openRoom(room);
    this.dispatchEvent(new EthoraRoomSelectEvent({ room }));
  }
}
