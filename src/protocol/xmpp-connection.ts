/**
 * The one door to XMPP: rooms, messages, actions, history, read state and uploads over the
 * connection that ConnectionCore keeps alive. Incoming stanzas become wire events (types.ts);
 * outgoing ones are written in the configured dialect (encoders.ts). Nothing outside
 * src/protocol touches stanza.
 */
import type { Stanzas } from 'stanza';
import { ConnectionCore } from './connection-core.js';
import { encoderFor, type ActionTarget, type EncodeContext, type Encoder, type OutgoingContent } from './encoders.js';
import { XmppError } from './errors.js';
import { routeMessage } from './incoming.js';
import { parseJid, roomJid } from './jid.js';
import { parseJoinError, parseOccupant } from './parse-presence.js';
import * as readState from './read-state.js';
import { acceptDefaultConfiguration, joinRoom, type Joined } from './room-join.js';
import * as admin from './room-admin.js';
import { parseDestroyed } from './parse-invites.js';
import * as rooms from './room-requests.js';
import { ethoraEncoder } from './encode-ethora.js';
import * as moderation from './moderation.js';
import * as social from './social.js';
import type { HistoryPage } from './room-requests.js';
import type {
  Affiliation,
  ConnectionHandlers,
  ConnectionOptions,
  Dialect,
  Role,
  WireAffiliate,
  WireChatState,
  WirePublicRoom,
  WireReadState,
  WireRoomInfo,
  WireRoomRef,
  WireRoomSettings,
  WireUploadSlot,
} from './types.js';
import { findUploadService, requestSlot, type UploadFile, type UploadService } from './upload.js';

export class XmppConnection extends ConnectionCore {
  /** The shapes this connection writes; it reads both. */
  readonly dialect: Dialect;
  private readonly encoder: Encoder;
  /** Rooms we are in, with our nick there (for leave() and Ethora's name fields). */
  private readonly nicks = new Map<string, string>();
  private readonly joining = new Set<string>();
  /** Rooms our join created (status 201) that wait for their configuration: locked until then. */
  private readonly unconfigured = new Set<string>();
  private mucServices?: Promise<string[]>;
  /** Other domains asked whether they are a MUC service (an invitation's, a page's room). */
  private readonly serviceChecks = new Map<string, Promise<boolean>>();
  private uploadService?: Promise<UploadService>;
  private readonly roomFeatures = new Map<string, Promise<string[]>>();
  /** Read-state writes, one after another: each is a read-merge-write of one shared object. */
  private readStateQueue: Promise<unknown> = Promise.resolve();

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

  /** XEP-0333 displayed marker up to that stanza-id (standard dialect; Ethora has none). */
  sendDisplayed(room: string, stanzaId: string): void {
    const jid = this.room(room);
    const msg = stanzaId ? this.encoder.displayed(this.context(jid), stanzaId) : undefined;
    if (msg) this.send(msg);
  }

  /** One MAM page of the room archive; `before` '' (default) for the newest page. */
  fetchHistory(room: string, options: { before?: string; max?: number; start?: number } = {}): Promise<HistoryPage> {
    return rooms.fetchHistory(this.client, this.room(room), options);
  }

  /** Everything archived after that archive id, oldest first (bounded; `complete` says if it reached the newest). */
  fetchAfter(room: string, afterStanzaId: string): Promise<HistoryPage> {
    return rooms.fetchAfter(this.client, this.room(room), afterStanzaId);
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

  // ---- social: blocking (XEP-0191), preferences, Ethora members (social.ts) ----
  getBlocked(): ReturnType<typeof social.getBlocked> {
    return social.getBlocked(this.client);
  }
  block(jid: string): Promise<void> {
    return social.setBlocked(this.client, jid, true);
  }
  unblock(jid: string): Promise<void> {
    return social.setBlocked(this.client, jid, false);
  }
  getPrefs(): Promise<social.WirePrefs> {
    return social.getPrefs(this.client);
  }
  /** Mutes or unmutes a room, queued with read-state writes (both are read-merge-writes of private storage). */
  setMuted(room: string, muted: boolean): Promise<void> {
    const jid = this.room(room);
    const run = this.readStateQueue.then(() => social.setMuted(this.client, jid, muted));
    this.readStateQueue = run.catch(() => undefined);
    return run;
  }
  /** Ethora ns:room:last; rejects where the server lacks it. */
  roomLast(room: string): ReturnType<typeof social.roomLast> {
    return social.roomLast(this.client, this.room(room));
  }

  /** An XEP-0363 slot for the file; rejects with a human error if too large or no service. */
  async requestUploadSlot(file: UploadFile): Promise<WireUploadSlot & { maxSize?: number }> {
    const finding = (this.uploadService ??= findUploadService(this.client));
    finding.catch(() => (this.uploadService = undefined));
    return requestSlot(this.client, await finding, file);
  }

  /** Whether the room advertises a disco#info feature (e.g. urn:xmpp:message-moderate:1). */
  async roomSupports(room: string, feature: string): Promise<boolean> {
    const jid = this.room(room);
    let features = this.roomFeatures.get(jid);
    if (!features) {
      features = rooms.roomInfo(this.client, jid).then((info) => info.features);
      this.roomFeatures.set(jid, features);
      features.catch(() => this.roomFeatures.delete(jid));
    }
    return (await features.catch(() => [] as string[])).includes(feature);
  }

  /** The server's MUC service (found by disco once per connection; conference.<domain> if none). */
  async findMucService(): Promise<string> {
    return (await this.findMucServices())[0] ?? `conference.${parseJid(this.jid)?.domain ?? ''}`;
  }

  private findMucServices(): Promise<string[]> {
    return (this.mucServices ??= rooms.findMucServices(this.client, parseJid(this.jid)?.domain ?? ''));
  }

  /**
   * Whether the address is a room on a MUC service: one the server lists (disco#items), or one
   * whose disco#info says conference/text. A user's account, the server itself or an unknown
   * domain is not (an invitation can name anything).
   */
  async isRoomAddress(room: string): Promise<boolean> {
    const jid = parseJid(room);
    if (!jid?.local || jid.resource) return false;
    if ((await this.findMucServices()).includes(jid.domain)) return true;
    let check = this.serviceChecks.get(jid.domain);
    if (!check) this.serviceChecks.set(jid.domain, (check = rooms.isMucService(this.client, jid.domain)));
    return check;
  }

  /** The user's MucSub subscriptions (asked of the MUC service found by disco). */
  async listSubscriptions(): Promise<WireRoomRef[]> {
    return rooms.listSubscriptions(this.client, await this.findMucService());
  }

  // ---- administration (XEP-0045 owner/admin, room directory, last activity) ----
  roomSettings(room: string): Promise<WireRoomSettings> {
    return admin.readSettings(this.client, this.room(room));
  }
  /** `created`: also the options every room the widget creates gets (see room-admin.ts). */
  async saveRoomSettings(room: string, settings: Partial<WireRoomSettings>, created = false): Promise<void> {
    const jid = this.room(room);
    const locked = this.unconfigured.delete(jid);
    try {
      await admin.saveSettings(this.client, jid, settings, created);
    } catch (err) {
      // A room we just created is not left locked because our settings were refused.
      if (locked) await acceptDefaultConfiguration(this.client, jid).catch(() => undefined);
      throw err;
    }
  }
  destroyRoom(room: string, reason?: string): Promise<void> {
    return admin.destroyRoom(this.client, this.room(room), reason);
  }
  setAffiliation(room: string, jid: string, affiliation: Affiliation, reason?: string): Promise<void> {
    return admin.setAffiliation(this.client, this.room(room), jid, affiliation, reason);
  }
  setRole(room: string, nick: string, role: Role, reason?: string): Promise<void> {
    return admin.setRole(this.client, this.room(room), nick, role, reason);
  }
  listAffiliates(room: string, affiliation: Exclude<Affiliation, 'none'>): Promise<WireAffiliate[]> {
    return admin.listAffiliates(this.client, this.room(room), affiliation);
  }
  async publicRooms(): Promise<WirePublicRoom[]> {
    return admin.listPublicRooms(this.client, await this.findMucService());
  }
  lastActivity(jid: string): Promise<number | undefined> {
    return admin.lastActivity(this.client, jid);
  }
  invite(room: string, to: string, reason?: string): void {
    admin.invite(this.client, this.room(room), to, reason);
  }
  declineInvite(room: string, inviter: string, reason?: string): void {
    admin.declineInvite(this.client, this.room(room), inviter, reason);
  }

  // ---- moderation: XEP-0425, Ethora's bans and room images (moderation.ts) ----
  /** Removes anyone's message for everyone (XEP-0425; `old`: the :0 form). */
  moderate(room: string, stanzaId: string, reason: string | undefined, old: boolean): Promise<void> {
    return moderation.moderate(this.client, this.room(room), stanzaId, reason, old);
  }
  /** Moderator delete in Ethora's shape: its `<delete id/>` (honoured where the room advertises ethora:message:delete). */
  sendModeratorDelete(room: string, stanzaId: string, id: string): void {
    const jid = this.room(room);
    const msg = ethoraEncoder.retraction(this.context(jid), { stanzaId }, id);
    if (!msg) throw unnamed();
    this.send(msg);
  }
  ethoraBan(room: string, action: 'ban' | 'unban', user: string, seconds?: number, comment?: string): Promise<void> {
    return moderation.ethoraBan(this.client, action, this.room(room), user, seconds, comment);
  }
  ethoraBans(room: string): Promise<moderation.WireBan[]> {
    return moderation.ethoraBans(this.client, this.room(room));
  }
  setRoomImage(room: string, thumbnail: string | undefined): Promise<void> {
    return moderation.setRoomImage(this.client, this.room(room), thumbnail);
  }

  /** Ethora ns:getrooms; [] where the server lacks it. */
  getRooms(): Promise<WireRoomRef[]> {
    return rooms.getRooms(this.client);
  }
  roomInfo(room: string): Promise<WireRoomInfo> {
    return rooms.roomInfo(this.client, this.room(room));
  }
  subscribe(room: string, nick: string): Promise<void> {
    return rooms.subscribe(this.client, this.room(room), nick);
  }
  /** Who is subscribed to the room (owners and moderators may ask). */
  listSubscribers(room: string): Promise<string[]> {
    return rooms.listSubscribers(this.client, this.room(room));
  }
  unsubscribe(room: string): Promise<void> {
    return rooms.unsubscribe(this.client, this.room(room));
  }

  private room(room: string): string {
    const jid = roomJid(room);
    if (!jid) throw new XmppError('jid-malformed', /* i18n */ 'That is not a valid room address');
    return jid;
  }

  private context(room: string, name?: string): EncodeContext {
    const nick = this.nicks.get(room) ?? parseJid(this.jid)?.local ?? '';
    return { room, jid: this.client.jid || this.jid, name: name?.trim() || nick, now: Date.now() };
  }

  private send(msg: Stanzas.Message): void {
    this.client.sendMessage(msg);
  }

  private listenRooms(): void {
    const c = this.client;
    // Our nicks belong to the old session; a new one starts with no rooms (stanza-client.ts).
    c.on('session:bound', () => {
      this.nicks.clear();
      this.roomFeatures.clear();
      this.uploadService = undefined;
    });
    // XEP-0191 pushes: StanzaJS answers them and emits the change (from our own account only).
    c.on('block', (e) => this.emit('blocklist', { action: 'block', jids: social.blockedJids(e?.jids) }));
    c.on('unblock', (e) => this.emit('blocklist', { action: 'unblock', jids: social.blockedJids(e?.jids) }));
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
function unnamed(): XmppError {
  return new XmppError('bad-request', /* i18n */ 'That message cannot be changed yet: try again in a moment');
}
