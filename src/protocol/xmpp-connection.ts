/**
 * The one door to XMPP: rooms, messages, actions, history, read state and uploads over the
 * connection that ConnectionCore keeps alive. Incoming stanzas become wire events (types.ts);
 * outgoing ones are written in the configured dialect (encoders.ts). Nothing outside
 * src/protocol touches stanza.
 */
import * as bookmarks from './bookmarks.js';
import { ethoraEncoder } from './encode-ethora.js';
import { FeatureCache } from './feature-cache.js';
import { parseJid } from './jid.js';
import * as moderation from './moderation.js';
import * as admin from './room-admin.js';
import { RoomConnection, unnamed } from './room-connection.js';
import { acceptDefaultConfiguration } from './room-join.js';
import * as rooms from './room-requests.js';
import * as social from './social.js';
import type { Affiliation, Role, WireAffiliate, WirePublicRoom, WireRoomInfo, WireRoomRef, WireRoomSettings, WireUploadSlot } from './types.js';
import { findUploadService, requestSlot, type UploadFile, type UploadService } from './upload.js';

/**
 * The connection the session uses: RoomConnection (room-connection.ts) plus service discovery,
 * HTTP upload slots, blocking and preferences, room administration and moderation, MucSub.
 */
export class XmppConnection extends RoomConnection {
  private mucServices?: Promise<string[]>;
  /** Other domains asked whether they are a MUC service (an invitation's, a page's room). */
  private readonly serviceChecks = new Map<string, Promise<boolean>>();
  private uploadService?: Promise<UploadService>;
  /** disco#info features of our server and of our account. */
  private readonly features = new FeatureCache();

  protected override sessionBound(): void {
    super.sessionBound();
    this.features.clear();
    this.uploadService = undefined;
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

  /** Whether our server's disco#info advertises a feature (Ethora's modules: ns:deepx:muc:user:ban, …). */
  serverSupports(feature: string): Promise<boolean> {
    return this.features.has(parseJid(this.jid)?.domain ?? '', feature, (jid) => rooms.discoFeatures(this.client, jid));
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
  /** Ethora's room image (owners); '' clears it. */
  setRoomImage(room: string, thumbnail: string): Promise<void> {
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

  // ---- bookmarks (bookmarks.ts): XEP-0402 where the account says so, else XEP-0048 ----
  private modernBookmarks(): Promise<boolean> {
    return this.features.has(this.jid, bookmarks.NS_BOOKMARKS_COMPAT, (jid) => rooms.discoFeatures(this.client, jid));
  }
  async getBookmarks(): Promise<bookmarks.Bookmark[]> {
    return bookmarks.readBookmarks(this.client, this.jid, await this.modernBookmarks());
  }
  async setBookmark(mark: bookmarks.Bookmark): Promise<void> {
    return bookmarks.writeBookmark(this.client, this.jid, await this.modernBookmarks(), { ...mark, room: this.room(mark.room) });
  }
}
