import type { Message } from './message.js';
import type { Room } from './room.js';

/**
 * What the store's parts (occupancy.ts, message-intake.ts) see of the store: the rooms, who we
 * are, the clock, and the one way to change a room (which notifies its listeners, and the room
 * list's when what the list shows changed). Implemented by ChatStore.
 */
export interface StoreContext {
  readonly me: string;
  /** The room whose newest messages are on screen right now. */
  readonly reading?: string;
  readonly now: () => number;
  room(jid: string): Room | undefined;
  isHidden(m: Message): boolean;
  change<T>(room: Room, change: (room: Room) => T): T;
}
