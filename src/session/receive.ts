/**
 * What the session does with each event off the wire: the store applies it (applyWireEvent,
 * the one path from wire to state), and the session adds what follows from it: a DOM event for
 * the page, a notification, the end of a message's flight, a room's recovery or a typing sweep.
 */
import { applyWireEvent } from '../state/apply-wire-event.js';
import type { WireEvent } from '../state/wire-events.js';
import type { Link } from './link.js';
import type { Notifier } from './notifications.js';
import type { RoomEntry } from './room-entry.js';
import type { RoomRecovery } from './room-recovery.js';
import type { Sending } from './sending.js';

/** How often typing indications are checked for expiry (ms). */
const TYPING_SWEEP_MS = 2000;

export class Receiver {
  private typingSweep?: ReturnType<typeof setInterval>;

  constructor(
    private readonly link: Link,
    private readonly parts: { sending: Sending; recovery: RoomRecovery; entry: RoomEntry; notifications: Notifier },
  ) {}

  receive(e: WireEvent): void {
    const { store } = this.link;
    const { sending, recovery } = this.parts;
    switch (e.name) {
      case 'message': {
        const m = e.arg;
        const timeline = store.room(m.room)?.timeline;
        const before = timeline?.size ?? 0;
        const ours = timeline?.find(m.originId ?? m.id ?? '');
        const kept = applyWireEvent(store, e);
        if (!kept) return;
        if (kept.own) sending.settled(m.room, kept.originId, true);
        if (kept.own && ours && ours.status !== 'sent') this.link.emit({ kind: 'message-sent', room: m.room, message: kept });
        // A blocked user's message is hidden: the page is not told of it either.
        else if (!kept.own && (timeline?.size ?? 0) > before && !store.isHidden(kept)) {
          this.link.emit({ kind: 'message-received', room: m.room, message: kept });
          const room = store.room(m.room);
          if (room) this.parts.notifications.consider(room, kept);
        }
        return;
      }
      case 'messageError': {
        // Not an occupant any more (the room's node died): rejoin, then it is sent again. Only
        // for a message of ours in a room we are in (not, e.g., a refused invitation decline).
        const room = store.room(e.arg.room);
        const rejoining = room?.timeline.find(e.arg.id)?.own && recovery.onMessageError(e.arg, room.join);
        if (!rejoining) applyWireEvent(store, e);
        return sending.settled(e.arg.room, e.arg.id, false);
      }
      case 'occupant':
        applyWireEvent(store, e);
        recovery.onPresence(e.arg);
        return;
      case 'joinError':
        if (recovery.isRecovering(e.arg.room)) return; // retried; the last failure is shown by rejoin()
        applyWireEvent(store, e);
        return this.link.emit({ kind: 'error', room: e.arg.room, message: e.arg.reason });
      case 'configChanged': {
        const conn = this.link.conn();
        if (conn) this.parts.entry.learnRoomInfo(conn, e.arg.room);
        return;
      }
      case 'chatState':
        applyWireEvent(store, e);
        this.typingSweep ??= setInterval(() => {
          if (!store.expireTyping()) this.stop();
        }, TYPING_SWEEP_MS);
        return;
      default:
        applyWireEvent(store, e);
    }
  }

  /** No more typing sweeps (the session stopped, or nobody is typing). */
  stop(): void {
    clearInterval(this.typingSweep);
    this.typingSweep = undefined;
  }
}
