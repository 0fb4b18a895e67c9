import type { ChatStore } from './chat-store.js';
import type { Message } from './message.js';
import type { WireEvent } from './wire-events.js';

function assertNever(e: never): never {
  throw new Error(`Unknown wire event ${JSON.stringify(e)}`);
}

/**
 * The one path from the wire to the state: what each protocol event does to the store. The
 * session calls it for every event of a live connection (and decides what else follows: a
 * rejoin, a DOM event); the fuzz, XSS and limits suites feed stanzas through it too. Returns
 * the message kept, for a message event.
 */
export function applyWireEvent(store: ChatStore, e: WireEvent): Message | undefined {
  switch (e.name) {
    case 'message':
      return store.applyMessage(e.arg, true);
    case 'messageError':
      return void store.failMessage(e.arg.room, e.arg.id, e.arg.reason);
    case 'occupant': {
      const o = e.arg;
      store.applyOccupant(o);
      if (o.self && !o.available && !o.newNick && (o.exit === 'banned' || o.exit === 'kicked')) store.removedFromRoom(o.room, o.exit, o.reason);
      return undefined;
    }
    case 'joinError':
      return void store.joinFailed(e.arg.room, e.arg.reason);
    case 'subject':
      return void store.applySubject(e.arg.room, e.arg.nick, e.arg.subject);
    case 'edit':
      return void store.applyAction({ kind: 'edit', edit: e.arg }, true);
    case 'retraction':
      return void store.applyAction({ kind: 'retraction', retraction: e.arg }, true);
    case 'reactions':
      return void store.applyAction({ kind: 'reactions', reactions: e.arg }, true);
    case 'chatState':
      return void store.setTyping(e.arg.room, e.arg.nick, e.arg.name, e.arg.state === 'composing');
    case 'blocklist':
      return void store.applyBlocklist(e.arg.action, e.arg.jids);
    case 'invite':
      return void store.addInvitation(e.arg);
    case 'destroyed':
      return void store.removedFromRoom(e.arg.room, 'destroyed', e.arg.reason);
    // A changed configuration is asked again by the session.
    case 'configChanged':
      return undefined;
    default:
      return assertNever(e);
  }
}
