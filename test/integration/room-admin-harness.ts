/**
 * Driving the room administration UI of a widget like a user: header buttons, panels and
 * their forms, the members panel.
 */
import type { ChatElement } from '../../src/elements/chat-element.js';
import { roomView } from './harness.js';
import { until } from '../support/wait.js';

const shadow = (el: Element | null | undefined) => el?.shadowRoot ?? undefined;

/** Fills a field (input or textarea) by name inside a root, with real input events. */
export function fill(root: ParentNode, name: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
  if (!field) throw new Error(`no field ${name}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The button with that text (or aria-label) inside a root. */
export function button(root: ParentNode | undefined, text: string): HTMLButtonElement | undefined {
  return [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
    (b) => !b.disabled && (b.textContent?.trim() === text || b.getAttribute('aria-label') === text),
  );
}

export async function click(root: () => ParentNode | undefined, text: string): Promise<void> {
  (await until(() => button(root(), text), `button "${text}"`)).click();
}

/** Opens a header panel ("New room", "Find rooms") and returns its element's shadow root. */
export async function openPanel(chat: ChatElement, which: 'New room' | 'Find rooms'): Promise<ShadowRoot> {
  await click(() => shadow(chat), which);
  const tag = which === 'New room' ? 'ethora-new-room' : 'ethora-room-browser';
  return until(() => shadow(shadow(chat)?.querySelector(tag)), `the ${which} panel`);
}

/** Creates a room through the "New room" form; resolves with the JID of the room it opened. */
export async function createRoom(chat: ChatElement, kind: 'public' | 'group' | 'private', nameOrPeer: string, description = ''): Promise<string> {
  const panel = await openPanel(chat, 'New room');
  panel.querySelector<HTMLInputElement>(`input[type=radio][value=${kind}]`)!.click();
  await until(() => panel.querySelector(kind === 'private' ? '[name=with]' : '[name=name]'), 'the form fields');
  if (kind === 'private') fill(panel, 'with', nameOrPeer);
  else {
    fill(panel, 'name', nameOrPeer);
    fill(panel, 'description', description);
  }
  panel.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await until(() => !shadow(chat)?.querySelector('ethora-new-room'), 'the room to be created', 20000).catch(() => {
    throw new Error(`creating failed: ${panel.querySelector('[role=alert]')?.textContent ?? 'no error shown'}`);
  });
  return until(() => shadow(chat)?.querySelector('ethora-room')?.room, 'the new room to open');
}

/** Opens a side panel of the open room ("members" or "settings"); returns its shadow root. */
export async function openSide(chat: ChatElement, side: 'members' | 'settings'): Promise<ShadowRoot> {
  const toggle = await until(() => roomView(chat)?.querySelector<HTMLButtonElement>(`[part=${side}-button]`), `the ${side} button`);
  toggle.click();
  const tag = side === 'members' ? 'ethora-members' : 'ethora-room-settings';
  return until(() => shadow(roomView(chat)?.querySelector(tag)), `the ${side} panel`);
}

/** The member rows of a members panel: "name|online text|badges". */
export function memberRows(panel: ShadowRoot): { name: string; status: string; badges: string[] }[] {
  return [...panel.querySelectorAll('[part=member]')].map((row) => ({
    name: row.querySelector('.who > span')?.textContent?.trim() ?? '',
    status: row.querySelector('.who .muted')?.textContent?.trim() ?? '',
    badges: [...row.querySelectorAll('.badge')].map((b) => b.textContent.trim()),
  }));
}

/** Selects a member row by its shown name, then clicks one of the actions offered. */
export async function memberAction(panel: ShadowRoot, name: string, action: string, reason = ''): Promise<void> {
  const row = await until(
    () => [...panel.querySelectorAll<HTMLButtonElement>('[part=member]')].find((r) => r.querySelector('.who > span')?.textContent?.trim() === name),
    `member ${name}`,
  );
  if (row.getAttribute('aria-pressed') !== 'true') row.click();
  const group = await until(() => panel.querySelector('.selected'), 'the actions');
  if (reason) fill(group, 'reason', reason);
  await click(() => group, action);
}

/** Waits for the panel's status line ("Bob was removed") or fails with its error. */
export async function panelNotice(panel: ShadowRoot, pattern: RegExp): Promise<string> {
  return until(() => {
    const error = panel.querySelector('[role=alert]')?.textContent;
    if (error) throw new Error(`the panel says: ${error}`);
    const text = panel.querySelector('[role=status]')?.textContent ?? '';
    return pattern.test(text) ? text : undefined;
  }, `a notice ${pattern}`);
}
