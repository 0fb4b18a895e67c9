import { ChatStore } from '../../src/state/chat-store.js';

/** A store with a ticking clock (1 s per reading), signed in as alice, with `room` pinned. */
export function storeWithRoom(room: string): ChatStore {
  let t = 1_000_000;
  const s = new ChatStore(() => (t += 1000));
  s.me = 'alice@localhost';
  s.addRoom({ room }, 'attribute', 'alice');
  return s;
}
