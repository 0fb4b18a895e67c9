import { LitElement, html, nothing } from 'lit';
import { consume } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { MenuController } from '../controllers/menu-controller.js';
import { StoreController } from '../controllers/store-controller.js';
import { EthoraRoomLeaveEvent } from '../events/room-events.js';
import type { ChatSession } from '../session/chat-session.js';
import { sessionContext } from './session-context.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { theme } from './theme.js';
import { roomActionsStyles } from './room-actions-element.styles.js';

/** How long a refusal that came after its menu closed stays beside the button (ms). */
const LATE_ERROR_MS = 6000;

/**
 * The room's actions, behind one button in the room header: subscribe or unsubscribe where the
 * room offers MucSub (the room stays listed on every device and notifies while away), mute, leave (not
 * for pinned rooms: those come from the page). A refusal is shown right here.
 *
 * @fires ethora-room-leave {EthoraRoomLeaveEvent} the user confirmed leaving the room; cancelable, dispatched before leaving
 * @csspart button, menu, error
 *
 * @tag ethora-room-actions
 */
export class RoomActionsElement extends LitElement {
  static override styles = [theme, roomActionsStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  @consume({ context: sessionContext, subscribe: true }) @property({ attribute: false }) session?: ChatSession;
  /** The room's JID. */
  @property() room = '';
  @state() private confirming = false;
  @state() private busy = false;
  @state() private error = '';
  /** The menu was open at the last update: an error belongs to it and goes when it closes. */
  private menuWasOpen = false;
  private lateErrorTimer?: ReturnType<typeof setTimeout>;
  private readonly menu = new MenuController(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('.item')],
    button: () => this.renderRoot.querySelector<HTMLElement>('.more'),
    busy: () => this.busy,
  });
  private readonly roomState = new StoreController(this, () => ({
    session: this.session,
    topic: this.room ? (`room:${this.room}` as const) : undefined,
  }));

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.roomState.refresh();
    if (changed.has('room')) {
      this.menu.open = this.confirming = false;
      this.error = '';
    }
    // A room that went (left) takes its menu along in this render: removing the focused item
    // otherwise closes it from its focusout, which asks for another render.
    if (!this.session?.store.room(this.room)) this.menu.open = false;
    // Errors belong to the place the user acted: the menu. Closing it takes its error away.
    if (this.menuWasOpen && !this.menu.open && !this.busy) this.error = '';
    this.menuWasOpen = this.menu.open;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.lateErrorTimer);
  }

  protected override render() {
    const room = this.session?.store.room(this.room);
    if (!room) return nothing;
    return html`<button class="more" part="button" aria-haspopup="true" aria-expanded=${this.menu.open ? 'true' : 'false'}
        aria-label=${this.i18n.t('Room actions for {room}', { room: room.title })} @click=${this.toggle}>⋯</button>
      ${
        this.menu.open
          ? html`<div class="menu" part="menu" role="group" aria-label=${this.i18n.t('Room actions')} @keydown=${this.menu.onKey} @focusout=${this.menu.onFocusOut}>
            ${
              room.mucsub || room.subscribed
                ? html`<button class="item" aria-pressed=${room.subscribed ? 'true' : 'false'} aria-disabled=${this.busy ? 'true' : 'false'}
              title=${this.i18n.t('The room stays in your list on every device and notifies you while you are away')}
              @click=${() => this.run(room.subscribed ? /* i18n */ 'Could not unsubscribe: {reason}' : /* i18n */ 'Could not subscribe: {reason}', () => this.session!.setSubscribed(this.room, !room.subscribed))}>${this.i18n.t('Notify me while away')}</button>`
                : nothing
            }
            <button class="item" aria-pressed=${room.muted ? 'true' : 'false'} aria-disabled=${this.busy ? 'true' : 'false'}
              @click=${() => this.run(room.muted ? /* i18n */ 'Could not unmute: {reason}' : /* i18n */ 'Could not mute: {reason}', () => this.session!.setMuted(this.room, !room.muted))}>${this.i18n.t('Mute')}</button>
            ${
              room.pinned
                ? nothing
                : this.confirming
                  ? html`<button class="item danger" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.leave}>${this.i18n.t('Yes, leave {room}', { room: room.title })}</button>
                    <button class="item" @click=${() => (this.confirming = false)}>${this.i18n.t('Stay')}</button>`
                  : html`<button class="item danger" @click=${this.askLeave}>${this.i18n.t('Leave room…')}</button>`
            }
            ${this.error ? html`<p class="error" part="error" role="alert">${this.i18n.sentence(this.error)}</p>` : nothing}
          </div>`
          : this.error
            ? html`<p class="error outside" part="error" role="alert">${this.i18n.sentence(this.error)}</p>`
            : nothing
      }`;
  }

  private toggle(): Promise<void> {
    this.confirming = false;
    this.error = '';
    return this.menu.toggle();
  }

  /** Runs one action at a time. Buttons stay enabled (aria-disabled) so focus stays where it is. */
  /** `failure`: the English text of the error, with {reason}. */
  private async run(failure: string, action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (err) {
      this.error = this.i18n.t(failure, { reason: this.i18n.sentence((err as Error).message) });
      // The menu was closed while the action ran: the refusal shows beside the button for a
      // few seconds (announced), then goes; it is not left over the room.
      clearTimeout(this.lateErrorTimer);
      if (!this.menu.open) this.lateErrorTimer = setTimeout(() => (this.error = ''), LATE_ERROR_MS);
    } finally {
      this.busy = false;
    }
  }

  /** The focused "Leave room…" is replaced by the confirmation, which gets the focus. */
  private askLeave(): Promise<void> {
    return this.menu.swap(
      () => (this.confirming = true),
      () => this.renderRoot.querySelector<HTMLElement>('.danger'),
    );
  }

  private async leave(): Promise<void> {
    const room = this.room;
    // The host page may keep the user in the room: it hears the intent before anything is done.
    if (!this.dispatchEvent(new EthoraRoomLeaveEvent({ room }))) {
      this.confirming = false;
      this.menu.open = false;
      return;
    }
    await this.run(/* i18n */ 'Could not leave the room: {reason}', () => this.session!.leave(room));
    if (this.error) return;
    this.menu.open = false;
  }
}
