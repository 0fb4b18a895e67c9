/**
 * Drives Converse.js 14 (test/pages/converse.html, in an iframe of the test page) as its user
 * would, and reads what Converse itself renders: `converse-chat-message` elements in light DOM.
 *
 * Typing and sending go through Converse's composer (its textarea and keys). Edit, retract,
 * moderate and react go through the same room-model methods that Converse's own buttons call
 * once their confirmation dialog is accepted (`retractOwnMessage`, `retractOtherMessage`, the
 * `correcting` flag + `sendMessage`, the reaction picker's `<converse-reaction-picker>`), so the
 * stanzas are Converse's own.
 */
import { SERVICE } from '../support/kit.js';
import { until } from '../support/wait.js';

/** The little of Converse's internals the suite uses (Skeletor models: get/save/findWhere). */
interface Model {
  get(key: string): unknown;
  save(attrs: Record<string, unknown> | string, value?: unknown): void;
}
interface RoomModel extends Model {
  messages: { models: Model[]; findWhere(attrs: Record<string, unknown>): Model | undefined };
  sendMessage(attrs: { body: string }): Promise<unknown>;
  retractOwnMessage(message: Model): Promise<void>;
  retractOtherMessage(message: Model, reason?: string): Promise<unknown>;
  getOwnAffiliation?(): string;
}
interface ConverseInternals {
  api: {
    rooms: { get(jid: string): Promise<RoomModel | undefined> };
    user: { logout(): Promise<unknown> };
  };
}
type ConverseWindow = Window & { __converse?: ConverseInternals };

export interface ConverseUser {
  jid: string;
  password: string;
  nick: string;
}

export interface ConverseView {
  frame: HTMLIFrameElement;
  room: string;
  user: ConverseUser;
}

const win = (c: ConverseView) => c.frame.contentWindow as ConverseWindow;
const doc = (c: ConverseView) => c.frame.contentDocument!;

/** Opens Converse in an iframe, signed in as `user`, in `room`; resolves once the room is entered (its composer shows). */
export async function openConverse(user: ConverseUser, room: string): Promise<ConverseView> {
  const frame = document.createElement('iframe');
  const q = new URLSearchParams({ service: SERVICE, jid: user.jid, password: user.password, nick: user.nick, room });
  frame.src = `/test/pages/converse.html?${q}`;
  frame.style.cssText = 'width:1000px;height:700px;border:0';
  document.body.append(frame);
  const c: ConverseView = { frame, room, user };
  await until(() => win(c)?.__converse, 'Converse to load', 30000);
  await until(() => composer(c), 'Converse to enter the room', 30000);
  return c;
}

/** Logs out (clearing Converse's cache, clear_cache_on_logout) and removes the iframe. */
export async function closeConverse(c: ConverseView): Promise<void> {
  await Promise.race([win(c)?.__converse?.api.user.logout(), new Promise((r) => setTimeout(r, 3000))]).catch(() => undefined);
  c.frame.remove();
  // What a reload must not find: Converse's cached messages (persistent_store: sessionStorage, shared with this page).
  const cached = Object.keys(sessionStorage).filter((k) => k.includes('converse.messages'));
  if (cached.length) throw new Error(`Converse kept its messages after logging out: ${cached.join()}`);
}

/** A fresh Converse of the same user: nothing cached, the room only from the archive. */
export async function reloadConverse(c: ConverseView): Promise<ConverseView> {
  await closeConverse(c);
  return openConverse(c.user, c.room);
}

export async function roomModel(c: ConverseView): Promise<RoomModel> {
  const room = await win(c).__converse!.api.rooms.get(c.room);
  if (!room) throw new Error(`Converse has no room ${c.room}`);
  return room;
}

function composer(c: ConverseView): HTMLTextAreaElement | null {
  return doc(c)?.querySelector<HTMLTextAreaElement>('converse-muc textarea.chat-textarea') ?? null;
}

function key(el: HTMLElement, k: string): void {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}

/** Types a message into Converse's composer and presses Enter. */
export function converseType(c: ConverseView, text: string): void {
  const input = composer(c);
  if (!input) throw new Error('no Converse composer');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  key(input, 'Enter');
}

/** Types without sending: a key press in the composer (Converse sends "composing" on keydown). */
export function converseTypeOnly(c: ConverseView, text: string): void {
  const input = composer(c);
  if (!input) throw new Error('no Converse composer');
  input.value = text;
  key(input, text.slice(-1) || 'a');
}

/** What one rendered message shows. */
export interface ConverseMessage {
  el: Element;
  author: string;
  text: string;
  retracted: boolean;
  /** The retraction line ("alice has removed a message"), with a moderator's reason. */
  retraction: string;
  edited: boolean;
  /** Reaction buttons: "👍 1". */
  reactions: string[];
  /** The reply context line (author + quoted text), '' without one. */
  replyContext: string;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The messages Converse renders in the room, top to bottom (dangling retractions and reactions are not rendered). */
export function converseMessages(c: ConverseView): ConverseMessage[] {
  // Chat messages only: not the info lines (joins, leaves) Converse renders in the same list.
  const els = [...(doc(c)?.querySelectorAll('converse-muc converse-chat-message') ?? [])].filter((el) => el.querySelector('.chat-msg'));
  return els.map((el) => {
    const msg = el.querySelector('.chat-msg');
    return {
      el,
      author: clean(el.querySelector('.chat-msg__author')?.textContent),
      text: clean(el.querySelector('.chat-msg__text')?.textContent),
      retracted: !!msg?.classList.contains('chat-msg--retracted'),
      retraction: clean(el.querySelector('.retraction')?.textContent),
      edited: !!el.querySelector('.chat-msg__edit-modal'),
      reactions: [...el.querySelectorAll('.chat-msg__reaction')].map((b) => clean(b.textContent)),
      replyContext: clean(el.querySelector('.chat-msg__reply-context')?.textContent),
    };
  });
}

export function converseMessage(c: ConverseView, text: string): ConverseMessage | undefined {
  return converseMessages(c).find((m) => m.text === text);
}

/** Converse's chat-state line under the messages ("alice is typing"). */
export function converseTyping(c: ConverseView): string {
  return clean(doc(c)?.querySelector('converse-muc .chat-content__notifications')?.textContent);
}

/** A message model of the room by its text (Converse's getMessageText). */
export async function converseModel(c: ConverseView, text: string): Promise<Model> {
  const room = await roomModel(c);
  return until(() => room.messages.models.find((m) => (m as Model & { getMessageText(): string }).getMessageText() === text), `Converse's model of "${text}"`);
}

type Actions = HTMLElement & { onMessageEditButtonClicked(ev: unknown): Promise<void>; onMessageReplyButtonClicked(ev?: unknown): void };
const noEvent = { preventDefault() {} };

/** The message's action menu element (its buttons' handlers). */
function actionsOf(c: ConverseView, text: string): Promise<Actions> {
  return until(() => converseMessage(c, text)?.el.querySelector<Actions>('converse-message-actions'), `Converse's actions of "${text}"`);
}

/** Edits one of the user's own messages: its "Edit" button, then the new text sent from the composer (XEP-0308). */
export async function converseEdit(c: ConverseView, text: string, next: string): Promise<void> {
  await (await actionsOf(c, text)).onMessageEditButtonClicked(noEvent);
  await until(() => composer(c)?.value === text, "Converse's composer in edit mode");
  converseType(c, next);
}

/** Replies to a message: its "Reply" button, then the answer sent from the composer (XEP-0461). */
export async function converseReply(c: ConverseView, text: string, answer: string): Promise<void> {
  const room = await roomModel(c);
  (await actionsOf(c, text)).onMessageReplyButtonClicked(noEvent);
  await until(() => room.get('reply_to_id'), 'Converse in reply mode');
  converseType(c, answer);
}

/** Retracts one of the user's own messages (XEP-0424), as its "Retract" button does after the confirmation. */
export async function converseRetract(c: ConverseView, text: string): Promise<void> {
  const message = await converseModel(c, text);
  await (await roomModel(c)).retractOwnMessage(message);
}

/** Moderates someone's message (XEP-0425), as a moderator's "Retract" does after the reason prompt. */
export async function converseModerate(c: ConverseView, text: string, reason: string): Promise<unknown> {
  const message = await converseModel(c, text);
  return (await roomModel(c)).retractOtherMessage(message, reason);
}

/** Reacts with an emoji through Converse's reaction picker element (the 😀 button's picker). */
export async function converseReact(c: ConverseView, text: string, emoji: string): Promise<void> {
  const message = await converseModel(c, text);
  const Picker = win(c).customElements.get('converse-reaction-picker') as
    (new () => HTMLElement & { model: unknown; onEmojiSelected(e: string): void; close(): void }) | undefined;
  if (!Picker) throw new Error('Converse has no reaction picker');
  const picker = new Picker();
  picker.model = message;
  try {
    picker.onEmojiSelected(emoji);
  } catch {
    // close() of a picker that was never shown; the reaction went out before it.
  }
}
