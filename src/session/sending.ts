/**
 * Our messages on their way: shown at once as pending, kept on disk until the room confirms
 * them (persistent-outbox.ts), handed to the connection once per XMPP session, and files
 * uploaded (XEP-0363 or the Ethora API) before their message is sent.
 */
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import { contentOf, type Message, type MessageContent } from '../state/message.js';
import type { Upload } from '../state/room.js';
import type { RestServices } from './ethora-account.js';
import { bareJid, newId } from './ids.js';
import { OFFLINE, type Link } from './link.js';
import { PersistentOutbox } from './persistent-outbox.js';
import type { RoomRecovery } from './room-recovery.js';
import { imageSize, putFile, type Transfer } from './upload.js';

export class Sending {
  /** The outbox on disk (undefined when persistence is off). */
  private outbox?: PersistentOutbox;
  /** Settles when the stored outbox has been read back (restore). */
  restored: Promise<void> = Promise.resolve();
  /** Ids of our messages handed to the current XMPP session and not yet echoed. */
  private readonly inFlight = new Set<string>();
  private readonly transfers = new Map<string, Transfer<unknown>>();

  constructor(
    private readonly link: Link,
    private readonly recovery: RoomRecovery,
  ) {}

  /** Adds a message of ours as pending, stores it and sends it when the room is joined. */
  add(room: string, content: MessageContent): Message | undefined {
    const m = this.link.store.addPending(room, newId(), content);
    if (m) this.changed(room);
    return m;
  }

  /**
   * Adds a text message (see add()); `replyTo`, the key of a loaded message, makes it a reply
   * when that message has an archive id to name.
   */
  addText(room: string, body: string, replyTo?: string): Message | undefined {
    const target = replyTo ? this.link.store.room(room)?.timeline.find(replyTo) : undefined;
    const reply = target?.stanzaId
      ? { id: target.stanzaId, to: `${room}/${target.nick}`, quote: target.body.slice(0, 200), author: target.senderName }
      : undefined;
    return this.add(room, { body, replyTo: reply });
  }

  /** Re-sends a failed message. */
  retry(room: string, key: string): void {
    if (this.link.store.retryMessage(room, key)) this.changed(room);
  }

  /** The room's pending messages changed: stored, and sent where they can be. */
  private changed(room: string): void {
    this.outbox?.save(room);
    this.flush(room);
  }

  /** Our message came back from the room (or failed): no longer in flight; the disk copy follows. */
  settled(room: string, id: string | undefined, echoed: boolean): void {
    if (id) this.inFlight.delete(id);
    if (id && echoed) this.recovery.echoed(room, id);
    this.outbox?.save(room);
  }

  /** Forgets what was handed to the last XMPP session (a new one sends it again). */
  forgetInFlight(room?: string): void {
    if (!room) return this.inFlight.clear();
    for (const m of this.link.store.pending(room)) this.inFlight.delete(m.key);
  }

  /** Hands pending messages of a room to the connection, once per XMPP session. */
  flush(jid: string): void {
    const conn = this.link.online();
    const room = this.link.store.room(jid);
    if (!conn || room?.join !== 'joined') return;
    for (const m of this.link.store.pending(jid)) {
      if (this.inFlight.has(m.key)) continue;
      this.inFlight.add(m.key);
      conn.sendMessage(jid, contentOf(m), m.key);
      this.recovery.sent(jid, m.key);
    }
  }

  /**
   * Brings back (or, when persistence is off, erases) the messages an earlier page left unsent.
   * `ensureRoom` says whether a stored message's room may be listed (adding it if needed).
   */
  restore(jid: string, persist: boolean, ensureRoom: (room: string) => boolean): Promise<void> {
    const account = bareJid(jid).toLowerCase();
    const run = async () => {
      if (!persist) {
        this.outbox = undefined;
        return PersistentOutbox.forget(account);
      }
      const outbox = (this.outbox = new PersistentOutbox(this.link.store, account));
      // A session started again meanwhile (another account): this one's messages stay stored.
      await outbox.restore((room) => this.outbox === outbox && ensureRoom(room));
    };
    this.restored = run().catch(() => undefined);
    return this.restored;
  }

  /** After a join: restored messages the archive already has are confirmed, then the rest is sent. */
  async confirmAndFlush(conn: XmppConnection, jid: string): Promise<void> {
    await this.outbox?.confirmRestored(jid, (start, max) => conn.fetchHistory(jid, { before: '', max, start }));
    this.outbox?.save(jid);
    this.flush(jid);
  }

  /**
   * Uploads a file (XEP-0363: a slot from the server, then an HTTP PUT with progress; or the
   * REST API's) and sends it as a message. Over-limit files and failures stay listed with the reason.
   */
  async upload(room: string, file: File, rest: RestServices | undefined): Promise<void> {
    const { store } = this.link;
    const id = newId();
    const setUpload = (change: (u: Upload) => void) => store.changeUpload(room, id, change);
    store.addUpload(room, { id, name: file.name, size: file.size, progress: 0 });
    try {
      const conn = this.link.online();
      if (!conn) throw new Error(OFFLINE);
      const mediaType = file.type || 'application/octet-stream';
      const progress = (p: number) => setUpload((u) => (u.progress = p));
      const transfer = rest?.uploadFile?.(file, progress) ?? (await slotTransfer(conn, file, mediaType, progress));
      this.transfers.set(id, transfer);
      const [dims, stored] = await Promise.all([imageSize(file), transfer.done]);
      store.removeUpload(room, id);
      this.add(room, { body: stored.url, media: { ...stored, name: file.name, size: file.size, mimeType: mediaType, ...dims } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') store.removeUpload(room, id);
      else {
        setUpload((u) => (u.error = (err as Error).message));
        this.link.emit({ kind: 'error', room, message: (err as Error).message });
      }
    } finally {
      this.transfers.delete(id);
    }
  }

  /** Cancels an upload in progress, or dismisses a failed one. */
  cancelUpload(room: string, id: string): void {
    const transfer = this.transfers.get(id);
    if (transfer) transfer.abort();
    else this.link.store.removeUpload(room, id);
  }
}

/** XEP-0363: a slot from the server, then an HTTP PUT. */
async function slotTransfer(conn: XmppConnection, file: File, mediaType: string, progress: (p: number) => void): Promise<Transfer<{ url: string }>> {
  const slot = await conn.requestUploadSlot({ name: file.name, size: file.size, mediaType });
  const put = putFile(slot, file, progress);
  return { done: put.done.then(() => ({ url: slot.getUrl })), abort: () => put.abort() };
}
