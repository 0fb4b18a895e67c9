/**
 * Drives real `<ethora-chat>` widgets against the real local ejabberd, the way a user would:
 * typing into the composer, clicking, reading what is rendered. Server-side setup (users,
 * rooms, faults) is in test/support/kit.ts.
 */
import { fixture, html } from '@open-wc/testing';
import type { ChatElement } from '../../src/elements/chat-element.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import type { MessageMenuElement } from '../../src/elements/message-menu-element.js';
import type { ChatSession } from '../../src/session/chat-session.js';
import type { XmppConnection } from '../../src/protocol/xmpp-connection.js';
import { SERVICE } from '../support/kit.js';
import { until } from '../support/wait.js';

export interface ChatOptions {
  jid?: string;
  password?: string;
  rooms?: string;
  nick?: string;
  dialect?: 'standard' | 'ethora';
  maxReconnectAttempts?: number;
  /** WebSocket URL; default the server's own (PROXY goes through the fault proxy). */
  service?: string;
  /** Dead-link detection in seconds (short in fault tests). */
  keepAlive?: { interval?: number; timeout?: number; connectTimeout?: number };
  persistOutbox?: boolean;
  /** The history cache on this device ('on' by default). */
  cache?: 'on' | 'off';
}

/** Mounts a widget; each one is an independent XMPP session. */
export async function mountChat(o: ChatOptions): Promise<ChatElement> {
  return fixture<ChatElement>(html`<div style="height:500px;width:800px;display:flex">
    <ethora-chat service=${o.service ?? SERVICE} .keepAlive=${o.keepAlive} persist-outbox=${o.persistOutbox === false ? 'false' : 'true'} cache=${o.cache ?? 'on'} jid=${o.jid ?? ''} password=${o.password ?? ''} rooms=${o.rooms ?? ''} nick=${o.nick ?? ''} dialect=${o.dialect ?? 'standard'}
      max-reconnect-attempts=${o.maxReconnectAttempts ?? 3}></ethora-chat></div>`).then((wrap) => wrap.querySelector('ethora-chat')!);
}

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

/** The widget's session (private to the element): for tests that wait on its state, not its view. */
export function sessionOf(chat: ChatElement): ChatSession {
  return (chat as unknown as { session: ChatSession }).session;
}

/** The XMPP connection of a widget's session (for what a test must see under the widget: the wire). */
export function connectionOf(chat: ChatElement): XmppConnection {
  return (sessionOf(chat) as unknown as { connection: { current: XmppConnection } }).connection.current;
}

export function statusText(chat: ChatElement): string {
  return shadow(shadow(chat)?.querySelector('ethora-connection-status'))?.querySelector('[part=status]')?.textContent ?? '';
}

export function roomView(chat: ChatElement) {
  return shadow(shadow(chat)?.querySelector('ethora-room'));
}

/** Resolves once the room view has placed its scroll position after its last update (ScrollAnchorController.placed()). */
export function viewPlaced(chat: ChatElement): Promise<void> {
  const room = shadow(chat)?.querySelector('ethora-room') as unknown as { anchoring: { placed(): Promise<void> } };
  return room.anchoring.placed();
}

/** The room list's shadow root. */
export function roomListView(chat: ChatElement) {
  return shadow(shadow(chat)?.querySelector('ethora-room-list'));
}

/** The bodies of the messages rendered in the open room, top to bottom. */
export function renderedMessages(chat: ChatElement): { body: string; status: string; author?: string }[] {
  const els = [...(roomView(chat)?.querySelectorAll<MessageElement>('ethora-message') ?? [])];
  return els.map((el) => ({
    body: shadow(el)?.querySelector('[part=body]')?.textContent ?? '',
    status: el.getAttribute('status') ?? '',
    author: shadow(el)?.querySelector('[part=author]')?.textContent ?? undefined,
  }));
}

export function bodies(chat: ChatElement): string[] {
  return renderedMessages(chat).map((m) => m.body);
}

/** Room names shown in the room list. */
export function roomNames(chat: ChatElement): string[] {
  const list = roomListView(chat);
  return [...(list?.querySelectorAll('[part=room-name]') ?? [])].map((n) => n.textContent ?? '');
}

/** Types a message into the open room's composer and presses Enter. */
export function type(chat: ChatElement, text: string): void {
  const composer = roomView(chat)?.querySelector('ethora-composer');
  const input = shadow(composer)?.querySelector('textarea');
  if (!input) throw new Error('no composer');
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
}

export function online(chat: ChatElement): Promise<unknown> {
  return until(() => statusText(chat) === 'Online', 'the widget to be online');
}

/** Waits until the open room is joined (the header no longer says "Joining…"). */
export async function joined(chat: ChatElement, room: string): Promise<void> {
  await online(chat);
  await until(() => chat.shadowRoot?.querySelector('ethora-room')?.room === room, `room ${room} to be open`);
  await until(() => chat.shadowRoot?.querySelector('ethora-room')?.getAttribute('join-state') === 'joined', 'the room to be joined');
}

/** The rendered `<ethora-message>` whose body (or tombstone) shows this text. */
export function messageEl(chat: ChatElement, text: string): MessageElement | undefined {
  return [...(roomView(chat)?.querySelectorAll<MessageElement>('ethora-message') ?? [])].find(
    (el) => (shadow(el)?.querySelector('[part=body]')?.textContent ?? '') === text,
  );
}

/**
 * The actions menu of the message showing this text, made as a pointer moving over the message
 * makes it (a message has a plain stand-in button until then). It exists once the room confirmed
 * the message.
 */
export async function messageMenu(chat: ChatElement, text: string): Promise<MessageMenuElement> {
  const menu = await until(() => {
    const el = messageEl(chat, text);
    el?.dispatchEvent(new PointerEvent('pointerenter'));
    return shadow(el)?.querySelector('ethora-message-menu');
  }, `the menu of "${text}"`);
  await menu.updateComplete;
  return menu;
}

/**
 * Opens a message's menu (unless it is open, e.g. showing a confirmation) and picks an item by
 * its text (or a quick reaction by emoji).
 */
export async function menuAction(chat: ChatElement, text: string, item: string): Promise<void> {
  const menu = await messageMenu(chat, text);
  const more = shadow(menu)!.querySelector<HTMLButtonElement>('.more')!;
  if (more.getAttribute('aria-expanded') !== 'true') more.click();
  const find = () =>
    [...(shadow(menu)?.querySelectorAll<HTMLButtonElement>('.item') ?? [])].find(
      (b) => b.textContent.trim() === item || b.getAttribute('aria-label') === `React with ${item}`,
    );
  (await until(find, `menu item ${item}`)).click();
}

/** Types into the composer without sending (real input events: typing notifications go out). */
export function typeOnly(chat: ChatElement, text: string): HTMLTextAreaElement {
  const input = shadow(roomView(chat)?.querySelector('ethora-composer'))!.querySelector('textarea')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return input;
}

/** What the typing line of the open room says. */
/** Text as read: names are isolated with FSI…PDI (invisible) so they cannot reorder a line. */
const unisolated = (text: string) => text.replace(/[\u2068\u2069]/g, '');

export function typingLine(chat: ChatElement): string {
  return unisolated(roomView(chat)?.querySelector('[part=typing]')?.textContent ?? '');
}

/** The system lines of the open room (joins, leaves, kicks…), as read. */
export function systemLines(chat: ChatElement): string[] {
  return [...(roomView(chat)?.querySelectorAll('[part=system]') ?? [])].map((l) => unisolated(l.textContent ?? ''));
}

/** Reaction chips of a message: "👍 2". */
export function reactionChips(chat: ChatElement, text: string): string[] {
  const msg = messageEl(chat, text);
  return [...(shadow(msg)?.querySelectorAll('[part=reaction]') ?? [])].map((c) => c.textContent.trim());
}

/** Unread badges in the room list: room name -> badge text. */
export function unreadBadges(chat: ChatElement): Record<string, string> {
  const list = roomListView(chat);
  const out: Record<string, string> = {};
  for (const button of list?.querySelectorAll('[part=room]') ?? []) {
    const badge = button.querySelector('[part=unread]')?.textContent;
    if (badge) out[button.querySelector('[part=room-name]')!.textContent] = badge;
  }
  return out;
}

/** Clicks a room in the list (waiting until it is listed under that name). */
export async function openRoom(chat: ChatElement, name: string): Promise<void> {
  const button = await until(() => {
    const list = roomListView(chat);
    return [...(list?.querySelectorAll<HTMLButtonElement>('[part=room]') ?? [])].find((b) => b.querySelector('[part=room-name]')?.textContent === name);
  }, `room ${name} in the list`);
  button.click();
}

/**
 * What is wrong with what a user sees (`shown`, top to bottom) against what was sent (`sent`,
 * in sending order): missing, doubled or reordered texts. '' when each is shown once, in order.
 */
export function deliveryProblems(shown: readonly string[], sent: readonly string[]): string {
  const want = new Set(sent);
  const seen = shown.filter((t) => want.has(t));
  const counts = new Map<string, number>();
  for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  const missing = sent.filter((t) => !counts.has(t));
  const doubled = [...counts].filter(([, n]) => n > 1).map(([t]) => t);
  if (missing.length || doubled.length)
    return `missing ${missing.length} [${missing.slice(0, 5).join(',')}], doubled ${doubled.length} [${doubled.slice(0, 5).join(',')}]`;
  return seen.every((t, i) => t === sent[i]) ? '' : `out of order: ${seen.slice(0, 10).join(',')}…`;
}

/** Every value the open room's `join-state` attribute takes from now on (a rejoin shows as 'joining'). */
export function recordJoinStates(chat: ChatElement): string[] {
  // From the state itself: the view renders once a frame and may never show a short 'joining'.
  const states: string[] = [];
  const view = chat.shadowRoot!.querySelector('ethora-room')!;
  const store = view.session!.store;
  const jid = view.room;
  let last = store.room(jid)?.join;
  store.subscribe(`room:${jid}`, () => {
    const now = store.room(jid)?.join;
    if (now !== last) states.push((last = now) ?? '');
  });
  return states;
}

/** Every connection status the widget reports from now on. */
export function recordStatuses(chat: ChatElement): string[] {
  const statuses: string[] = [];
  chat.addEventListener('ethora-connection-change', (e) =>
    statuses.push((e as CustomEvent<{ status: string; attempt: number }>).detail.status + ':' + (e as CustomEvent<{ attempt: number }>).detail.attempt),
  );
  return statuses;
}

/** The open room's whole loaded timeline from the widget's state (the view renders a window of it). */
export function timelineMessages(chat: ChatElement): { body: string; status: string; error?: string }[] {
  const view = shadow(chat)?.querySelector('ethora-room');
  const room = view?.session?.store.room(view.room);
  return (room?.timeline.messages ?? []).filter((m) => !m.system && !m.deleted).map((m) => ({ body: m.body, status: m.status, error: m.error }));
}

/**
 * Waits until every view has every text of every sender once, in each sender's order, all
 * confirmed, and renders the newest of them at the end of its timeline window.
 */
export async function allDelivered(views: ChatElement[], perSender: string[][], timeout = 60000): Promise<void> {
  const problems = () =>
    views
      .flatMap((v) => {
        const all = timelineMessages(v).map((m) => m.body);
        const shown = bodies(v);
        const tail =
          shown.length && shown.join('\n') === all.slice(all.length - shown.length).join('\n') ? '' : 'the rendered window is not the newest messages';
        return [...perSender.map((sent) => deliveryProblems(all, sent)), tail];
      })
      .filter(Boolean);
  await until(() => problems().length === 0, 'every message once, in order, in every view', timeout).catch((e) => {
    // Where each view stands, for a failure that is rare: connection, room and message states.
    const states = views.map((v, i) => {
      const messages = timelineMessages(v);
      const count = (status: string) => messages.filter((m) => m.status === status).length;
      const room = shadow(v)?.querySelector('ethora-room')?.getAttribute('join-state');
      const why = [...new Set(messages.filter((m) => m.status === 'failed').map((m) => m.error))];
      return `view ${i + 1}: "${statusText(v)}", room ${room}, ${count('sent')} sent, ${count('pending')} pending, ${count('failed')} failed${why.length ? ` (${why.join(' | ')})` : ''}`;
    });
    throw new Error(`${(e as Error).message}: ${problems().join('; ')} (${states.join('; ')})`);
  });
  for (const v of views) await until(() => timelineMessages(v).every((m) => m.status === 'sent'), 'every message confirmed');
}

/** Opens the room header's actions menu (ethora-room-actions) and returns its items. */
export async function roomActions(chat: ChatElement): Promise<HTMLButtonElement[]> {
  const actions = await until(() => roomView(chat)?.querySelector('ethora-room-actions'), 'the room actions');
  const items = () => [...(shadow(actions)?.querySelectorAll<HTMLButtonElement>('.item') ?? [])];
  if (!items().length) shadow(actions)!.querySelector<HTMLButtonElement>('[part=button]')!.click();
  return until(() => (items().length ? items() : undefined), 'the room actions menu');
}

/** The room action whose text is `label`, waiting for it to be offered. */
export async function roomAction(chat: ChatElement, label: string | RegExp): Promise<HTMLButtonElement> {
  const match = (b: HTMLButtonElement) => (typeof label === 'string' ? b.textContent.trim() === label : label.test(b.textContent.trim()));
  await roomActions(chat);
  const actions = roomView(chat)!.querySelector('ethora-room-actions')!;
  return until(() => [...shadow(actions)!.querySelectorAll<HTMLButtonElement>('.item')].find(match), `room action ${label}`);
}

/** The open room's alert (a join refusal, a removal), as text. */
export const alertText = (chat: ChatElement) => roomView(chat)?.querySelector('[role=alert]')?.textContent ?? '';
