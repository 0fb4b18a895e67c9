/**
 * Read marks: when the reader sees a room's newest messages, the mark moves and is stored (at
 * most every READ_STORE_DELAY per room) for the user's other devices (private XML storage).
 */
import type { Link } from './link.js';

/** Read marks are stored at most this often per room (ms). */
const READ_STORE_DELAY = 1500;

export class ReadMarks {
  /** Marks waiting to be stored: room -> timer and mark. */
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; mark: number }>();
  /** Marks being stored now: flush() waits for them. */
  private readonly writes = new Set<Promise<unknown>>();

  constructor(private readonly link: Link) {}

  /** The reader now sees the newest messages of this room (undefined: of no room). */
  setReading(room: string | undefined): void {
    const mark = this.link.store.setReading(room);
    if (!room || mark === undefined || !this.link.conn()) return;
    clearTimeout(this.timers.get(room)?.timer);
    const timer = setTimeout(() => void this.store(room), READ_STORE_DELAY);
    this.timers.set(room, { timer, mark });
  }

  /**
   * Before the connection closes: marks not yet stored are stored now (when `online`), so the
   * next session or device knows them, and those being stored are let finish.
   */
  async flush(online: boolean): Promise<void> {
    if (online) await Promise.all([...this.timers.keys()].map((room) => this.store(room)));
    await Promise.all(this.writes);
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async store(room: string): Promise<void> {
    const pending = this.timers.get(room);
    if (!pending) return;
    clearTimeout(pending.timer);
    // Not before the session is up (a page painted from the device's cache reads before it
    // connects): a request written to a socket still opening stalls the connect. Later, then.
    const conn = this.link.online();
    if (!conn) return void (pending.timer = setTimeout(() => void this.store(room), READ_STORE_DELAY));
    this.timers.delete(room);
    const write = conn.setReadState(room, pending.mark).catch(() => undefined);
    this.writes.add(write);
    await write;
    this.writes.delete(write);
  }
}
