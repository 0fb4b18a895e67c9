import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { firstUnread } from '../elements/timeline-items.js';
import type { ChatSession } from '../session/chat-session.js';
import type { Room } from '../state/room.js';

export interface ReadingPositionConfig {
  session: () => ChatSession | undefined;
  /** The JID of the room shown. */
  jid: () => string;
  /** The reader is at the newest message (the timeline is pinned to its bottom). */
  atNewest: () => boolean;
}

/**
 * What the reader of one room has read. The room counts as being read (the session's reading
 * mark, which clears its unread count and moves its read marker) while the reader is at the
 * newest message of a visible page. Also: where the "new messages" divider stands for this
 * visit (before the first message that was unread when the room's history arrived), and how
 * many messages arrived below while the reader was scrolled up (`unseen`).
 */
export class ReadingPositionController implements ReactiveController {
  /** Messages that arrived at the end while the reader was scrolled up. */
  unseen = 0;
  /** The message the "new messages" divider stands before ('' for nowhere; undefined: not known yet). */
  divider?: string;
  /** The newest message when the view last updated. */
  private lastSeenKey?: string;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: ReadingPositionConfig,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.update);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.update);
    const session = this.config.session();
    if (session?.store.reading === this.config.jid()) session.setReading(undefined);
  }

  hostUpdate(): void {
    const room = this.room;
    if (this.divider === undefined && room?.historyFetched) this.divider = firstUnread(room.timeline.messages, room.readUpTo)?.key ?? '';
    const msgs = room?.timeline.messages ?? [];
    const lastKey = msgs[msgs.length - 1]?.key;
    if (lastKey === this.lastSeenKey) return;
    // New messages at the end while the reader is scrolled up: count them for the button.
    if (!this.config.atNewest() && this.lastSeenKey) {
      const at = msgs.findIndex((m) => m.key === this.lastSeenKey);
      this.unseen += at < 0 ? 1 : msgs.length - 1 - at;
    }
    this.lastSeenKey = lastKey;
  }

  hostUpdated(): void {
    this.update();
  }

  private get room(): Room | undefined {
    return this.config.session()?.store.room(this.config.jid());
  }

  /** Another room is shown: a new visit. */
  reset(): void {
    this.unseen = 0;
    this.lastSeenKey = undefined;
    this.divider = undefined;
  }

  /** The reader reached the newest messages. */
  seen(): void {
    if (!this.unseen) return;
    this.unseen = 0;
    this.host.requestUpdate();
  }

  /** Tells the session whether the room is being read now (call when the reader scrolls). */
  readonly update = (): void => {
    const reading = Boolean(this.room) && this.config.atNewest() && document.visibilityState === 'visible';
    this.config.session()?.setReading(reading ? this.config.jid() : undefined);
  };
}
