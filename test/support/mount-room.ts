/**
 * Mounts the real room list and room views on a ChatSession that never connects: the test
 * feeds its store directly. The session reaches the elements the way <ethora-chat> provides
 * it, by @lit/context, here from a plain wrapper element.
 */
import { ContextProvider } from '@lit/context';
import '../../src/index.js';
import type { RoomElement } from '../../src/elements/room-element.js';
import type { RoomListElement } from '../../src/elements/room-list-element.js';
import { sessionContext } from '../../src/elements/session-context.js';
import type { ChatSession } from '../../src/session/chat-session.js';

export interface View {
  host: HTMLElement;
  room: RoomElement;
  list: RoomListElement;
  /** Waits until the room, the list and every message in the room have rendered. */
  settle(): Promise<void>;
  /**
   * Calls `check` with the newest window of the timeline rendered, then with each older one
   * (the room renders a window of at most WINDOW_MAX messages), until the oldest.
   */
  eachWindow(check: () => void): Promise<void>;
  remove(): void;
}

export async function mountRoom(session: ChatSession, jid: string): Promise<View> {
  const host = document.createElement('div');
  host.style.cssText = 'display:flex;height:600px;width:800px;container-type:inline-size';
  // The provider listens before the consumers connect, so they find the session at once.
  new ContextProvider(host, { context: sessionContext, initialValue: session });
  const list = document.createElement('ethora-room-list');
  const room = document.createElement('ethora-room');
  room.room = jid;
  host.append(list, room);
  document.body.append(host);
  const view: View = {
    host,
    room,
    list,
    async settle() {
      // Store changes render at the next animation frame (StoreController), whose request may
      // come after this one (the store notifies in a microtask): wait two frames. A window that
      // follows the newest messages fills in a step per frame, once two frames passed with
      // nothing new: until it is no longer filling and the rendered list holds still.
      const rendered = () => [...room.shadowRoot!.querySelectorAll('li[data-key]')].map((li) => li.getAttribute('data-key')).join('\n');
      const filling = () => (room as unknown as { timeline: { filling: boolean } }).timeline.filling;
      for (let i = 0, before = rendered(); ; i++) {
        for (let f = 0; f < 2; f++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        await Promise.all([room.updateComplete, list.updateComplete]);
        const now = rendered();
        if ((now === before && !filling()) || i >= 30) break;
        before = now;
      }
      const messages = [...room.shadowRoot!.querySelectorAll('ethora-message')];
      await Promise.all(messages.map((m) => m.updateComplete));
    },
    async eachWindow(check) {
      const first = () => room.shadowRoot!.querySelector('li[data-key]')?.getAttribute('data-key');
      for (;;) {
        check();
        const before = first();
        // The top notice's button: "Load older messages" while older ones are loaded but not shown.
        const older = room.shadowRoot!.querySelector<HTMLButtonElement>('.log > .notice:first-child button');
        if (!older) return;
        older.click();
        await view.settle();
        if (first() === before) throw new Error(`the window did not move up from ${before}`);
      }
    },
    remove: () => host.remove(),
  };
  await view.settle();
  return view;
}

/** Every shadow root under `root`, depth first (the widget nests elements in shadow DOM). */
export function shadowRoots(root: Node = document.body): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (node: Node): void => {
    const elements = node instanceof Element || node instanceof ShadowRoot || node instanceof Document ? node.querySelectorAll('*') : [];
    for (const el of elements) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        walk(el.shadowRoot);
      }
    }
  };
  walk(root);
  return out;
}
