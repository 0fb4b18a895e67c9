import type { Stanzas } from 'stanza';
import { ConnectionCore } from './connection-core.js';
import { encoderFor, type ActionTarget, type EncodeContext, type Encoder, type OutgoingContent } from './encoders.js';
import { XmppError } from './errors.js';
import { routeMessage } from './incoming.js';
import { parseJid, roomJid } from './jid.js';
import { parseDestroyed } from './parse-invites.js';
import { parseJoinError, parseOccupant } from './parse-presence.js';
import * as readState from './read-state.js';
import { archiveTextField, searchArchive, type TextField } from './archive-search.js';
import { acceptDefaultConfiguration, joinRoom, type Joined } from './room-join.js';
import * as rooms from './room-requests.js';
import type { HistoryPage } from './room-requests.js';
import * as social from './social.js';
import type { ConnectionHandlers, ConnectionOptions, Dialect, WireChatState, WireReadState } from './types.js';

/**
 * The rooms half of the connection: join and leave, messages and actions written in the
 * connection's dialect, history (MAM) and read state, and the room events routed upward.
 * XmppConnection (xmpp-connection.ts) adds discovery, uploads, social, administration.
 */
export class RoomConnection extends ConnectionCore {
  /** The shapes this connection writes; it reads both. */
  readonly dialect: Dialect;
  protected readonly encoder: Encoder;
  /** Rooms we are in, with our nick there (for leave() and Ethora's name fields). */
  private readonly nicks = new Map<string, string>();
  private readonly joining = new Set<string>();
  /** Rooms our join created (status 201) that wait for their configuration: locked until then. */
  protected readonly unconfigured = new Set<string>();
  /** Read-state writes, one after another: each is a read-merge-write of one shared object. */
  protected readStateQueue: Promise<unknown> = Promise.resolve();

  constructor(options: ConnectionOptions, handlers: ConnectionHandlers = {}) {
    super(options, handlers);
    this.dialect = options.dialect === 'ethora' ? 'ethora' : 'standard';
    this.encoder = encoderFor(this.dialect);
    this.listenRooms();
  }

  /** Joins a room without legacy history; on a taken nick retries with nick2, nick3, … */
  async join(room: string, nick: string, timeoutMs = 10000): Promise<Joined> {
    const jid = this.room(room);
    if (this.status !== 'online') throw new XmppError('not-connected', /* i18n */ 'Not connected to the chat server');
    this.joining.add(jid);
    try {
      const joined = await joinRoom(this.client, jid, nick, timeoutMs);
      this.nicks.set(jid, joined.nick);
      if (joined.created) this.configureLater(jid);
      return joined;
    } catch (err) {
      const e = err as XmppError;
      this.emit('joinError', { room: jid, condition: e.condition, reason: e.message });
      throw err;
    } finally {
      this.joining.delete(jid);
    }
  }

  /**
   * A room our join created stays locked on a server that follows XEP-0045 to the letter
   * (Prosody: everyone else gets item-not-found) until its owner configures it. Whoever creates a
   * room on purpose submits its configuration (saveRoomSettings) in the same task that gets the
   * join's result, and that unlocks it; after any other join that created a room (a page's
   * rooms, openRoom of a new name, a rejoin) the default configuration is accepted once that task
   * is over.
   */
  private configureLater(room: string): void {
    this.unconfigured.add(room);
    setTimeout(() => {
      if (!this.unconfigured.delete(room) || this.status !== 'online') return;
      acceptDefaultConfiguration(this.client, room).catch((err: unknown) => console.warn(`Could not unlock the new room ${room}`, err));
    }, 0);
  }

  leave(room: string): void {
    const jid = this.room(room);
    const nick = this.nicks.get(jid) ?? this.client.joinedRooms.get(jid) ?? parseJid(this.jid)?.local ?? 'me';
    this.nicks.delete(jid);
    this.unconfigured.delete(jid);
    this.client.joinedRooms.delete(jid);
    this.client.sendPresence({ to: `${jid}/${nick}`, type: 'unavailable' });
  }

  /** Sends text (or a file) to a room; `id` is both the stanza id and the XEP-0359 origin-id. */
  /** Sends a message (`name`: our display name for Ethora's `<data>` bag; default: our nick in the room). */
  sendMessage(room: string, content: OutgoingContent, id: string, name?: string): void {
    const jid = this.room(room);
    this.send(this.encoder.text(this.context(jid, name), content, id));
  }

  /** Replaces the text of our message `target` (its stanza-id and/or origin-id). */
  sendEdit(room: string, target: ActionTarget, body: string, id: string): void {
    const jid = this.room(room);
    const msg = this.encoder.edit(this.context(jid), target, body, id);
    if (!msg) throw unnamed();
    this.send(msg);
  }

  /** Deletes our message `target` for everyone. */
  sendRetraction(room: string, target: ActionTarget, id: string): void {
    const jid = this.room(room);
    const msg = this.encoder.retraction(this.context(jid), target, id);
    if (!msg) throw unnamed();
    this.send(msg);
  }

  /** Our full current reaction set for the message with that stanza-id ([] withdraws all). */
  sendReactions(room: string, targetStanzaId: string, emojis: readonly string[], id: string): void {
    const jid = this.room(room);
    if (!targetStanzaId) throw unnamed();
    this.send(this.encoder.reactions(this.context(jid), targetStanzaId, emojis, id));
  }

  /** Typing indication; `name` is shown by Ethora clients (default: our nick). */
  sendChatState(room: string, state: WireChatState['state'], name?: string): void {
    const jid = this.room(room);
    this.send(this.encoder.chatState(this.context(jid, name), state));
  }

  /** One MAM page of the room archive; `before` '' (default) for the newest page. */
  fetchHistory(room: string, options: { before?: string; max?: number; start?: number; forward?: boolean } = {}): Promise<HistoryPage> {
    return rooms.fetchHistory(this.client, this.room(room), options);
  }

  /** Everything archived after that archive id, oldest first (bounded; `complete` says if it reached the newest). */
  fetchAfter(room: string, afterStanzaId: string): Promise<HistoryPage> {
    return rooms.fetchAfter(this.client, this.room(room), afterStanzaId);
  }
  /** The archive from `start` (ms) through the archive id `through`, with every action in it. */
  fetchSpan(room: string, start: number, through: string): Promise<HistoryPage> {
    return rooms.fetchForward(this.client, this.room(room), { start }, through);
  }

  /** The full-text field the room archive's search form offers (undefined: none). */
  archiveTextField(room: string): Promise<TextField | undefined> {
    return archiveTextField(this.client, this.room(room));
  }

  /** A page of the room archive's messages matching `text` (newest page when `before` is '' or absent). */
  searchArchive(room: string, field: TextField, text: string, options: { before?: string; max?: number } = {}): Promise<HistoryPage> {
    return searchArchive(this.client, this.room(room), field, text, options);
  }

  /** Per-room read markers from private storage (shared with Ethora's clients). */
  getReadState(): Promise<WireReadState> {
    return readState.getReadState(this.client);
  }

  /** Moves the room's read marker to `time` (ms), never backwards, keeping all other rooms. */
  setReadState(room: string, time: number): Promise<void> {
    const jid = this.room(room);
    const run = this.readStateQueue.then(() => readState.setReadState(this.client, jid, time));
    this.readStateQueue = run.catch(() => undefined);
    return run;
  }

  protected room(room: string): string {
    const jid = roomJid(room);
    if (!jid) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid room address');
    return jid;
  }

  protected context(room: string, name?: string): EncodeContext {
    const nick = this.nicks.get(room) ?? parseJid(this.jid)?.local ?? '';
    return { room, jid: this.client.jid || this.jid, name: name?.trim() || nick, now: Date.now() };
  }

  protected send(msg: Stanzas.Message): void {
    this.client.sendMessage(msg);
  }

  /** A new XMPP session (not a resume): what was learnt in the last one is forgotten. */
  protected sessionBound(): void {
    this.nicks.clear();
  }

  private listenRooms(): void {
    const c = this.client;
    // Our nicks belong to the old session; a new one starts with no rooms (stanza-client.ts).
    c.on('session:bound', () => this.sessionBound());
    social.answerBlockPushes(c, (change) => this.emit('blocklist', change));
    c.on('message', (m) => routeMessage(m, (name, arg) => this.emit(name, arg)));
    c.on('presence', (p) => {
      if (p.type === 'error') {
        const e = parseJoinError(p);
        // Errors for a join() in progress are reported by join() once it gives up.
        if (e && !this.joining.has(e.room) && (this.nicks.has(e.room) || p.muc)) this.emit('joinError', e);
        return;
      }
      const destroyed = parseDestroyed(p);
      if (destroyed) this.emit('destroyed', destroyed);
      const o = parseOccupant(p);
      if (!o) return;
      if (o.self && o.newNick) this.nicks.set(o.room, o.newNick);
      else if (o.self && !o.available) this.nicks.delete(o.room);
      this.emit('occupant', o);
    });
  }
}

/** An edit/retraction/reaction whose target has no id yet (its echo has not come back). */
export function unnamed(): XmppError {
  return new XmppError('bad-request', /* i18n */ 'That message cannot be changed yet: try again in a moment');
}
