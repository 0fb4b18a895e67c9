/**
 * What a user does to rooms beyond chatting: create one (public, members-only group, or a 1:1
 * private room), find public rooms, accept or decline invitations, invite people, read and
 * change a room's settings, destroy it, list its members and moderate them. Every method
 * rejects with a human sentence the element shows where the user acted.
 */
import { XmppError } from '../protocol/errors.js';
import { NS_BAN, NS_SETPROFILE } from '../protocol/moderation.js';
import { imageUrl } from '../protocol/parse-rooms.js';
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { Affiliation, Role, WireMember, WirePublicRoom, WireRoomSettings } from '../protocol/types.js';
import type { ChatStore } from '../state/chat-store.js';
import type { Occupant } from '../state/room.js';
import { mergeMembers, type Ban, type Member, type Roster } from './members.js';
import { keepRoom } from './room-keeping.js';
import { looksPrivate, openPrivateRoom, whyNotPrivate } from './private-rooms.js';

/** The room-administration shapes the elements show (settings, affiliations, the public directory). */
export type { WireAffiliate, WirePublicRoom, WireRoomSettings } from '../protocol/types.js';
export { EMPTY_ROSTER, label, type Ban, type Member, type Roster } from './members.js';

export type RoomKind = 'public' | 'group' | 'private';

export interface NewRoom {
  kind: RoomKind;
  /** The room's name (public, group); ignored for a private room. */
  name?: string;
  description?: string;
  /** The other user of a private room (bare JID). */
  with?: string;
}

/** What we may do in a room, from our role and affiliation (XEP-0045 §§ 5.1, 5.2). */
export interface Rights {
  configure: boolean;
  /** Grant/revoke membership, ban and unban. */
  admin: boolean;
  /** Grant/revoke admin (owners only). */
  owner: boolean;
  /** Kick, voice and silence. */
  moderate: boolean;
}

export interface SessionPort {
  readonly store: ChatStore;
  /** The connection while a session is up, else undefined. */
  connection(): XmppConnection | undefined;
  nick(): string;
  /** Adds the room (if new) to the list, joins it and opens it. */
  open(jid: string): void;
  /** Ethora's member list with last activity (ns:room:last); undefined where the server lacks it. */
  ethoraMembers(room: string): Promise<WireMember[] | undefined>;
}

const OFFLINE = /* i18n */ 'You are offline: try again when connected';
const NOT_A_ROOM = /* i18n */ 'Not a chat room';

export function rightsOf(me: Pick<Occupant, 'nick' | 'role' | 'affiliation'> | undefined): Rights {
  const aff = me?.affiliation ?? 'none';
  return {
    configure: aff === 'owner',
    owner: aff === 'owner',
    admin: aff === 'owner' || aff === 'admin',
    moderate: me?.role === 'moderator',
  };
}

/** A JID-safe room name from a title: "Design Team!" -> "design-team". */
export function roomSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug;
}

export class RoomAdmin {
  constructor(private readonly session: SessionPort) {}

  /** Our occupant record in a room (role and affiliation), once joined. */
  me(room: string): Occupant | undefined {
    const r = this.session.store.room(room);
    return r ? r.occupants.get(r.nick) : undefined;
  }

  rights(room: string): Rights {
    return rightsOf(this.me(room));
  }

  /**
   * Creates a room and opens it; we are its owner and subscribed to it. A private room with
   * someone is found again (not created twice) when either of the two opens it, and is never
   * one that someone else prepared (private-rooms.ts).
   */
  async create(spec: NewRoom): Promise<string> {
    const conn = this.conn();
    const service = await conn.findMucService();
    if (spec.kind === 'private')
      return openPrivateRoom(
        { conn, store: this.session.store, nick: this.session.nick(), enter: (room, nick) => this.subscribeAndOpen(conn, room, nick) },
        service,
        spec.with ?? '',
      );
    const name = (spec.name ?? '').trim();
    if (!name) throw new XmppError('bad-request', /* i18n */ 'Give the room a name');
    const local = roomSlug(name);
    if (!local) throw new XmppError('bad-request', /* i18n */ 'Use some letters or digits in the name');
    const settings: Partial<WireRoomSettings> = {
      name,
      public: spec.kind === 'public',
      membersOnly: spec.kind === 'group',
      persistent: true,
      allowInvites: spec.kind === 'public',
    };
    if (spec.description?.trim()) settings.description = spec.description.trim();
    const jid = `${local}@${service}`;
    const joined = await conn.join(jid, this.session.nick());
    if (joined.created) {
      await conn.saveRoomSettings(jid, settings, true);
    } else if (joined.affiliation !== 'owner') {
      conn.leave(jid);
      throw new XmppError('conflict', `A room called ${settings.name} already exists: join it from "Find rooms", or choose another name`);
    }
    await this.subscribeAndOpen(conn, jid, joined.nick);
    return jid;
  }

  /** Keeps a room we have just created or entered (as `nick`) in our list everywhere (room-keeping.ts), then opens it. */
  private async subscribeAndOpen(conn: XmppConnection, room: string, nick: string): Promise<void> {
    await keepRoom(conn, this.session.store, room, nick).catch(() => undefined);
    this.session.open(room);
  }

  /** The public rooms of the server's MUC service, by name. */
  async publicRooms(): Promise<WirePublicRoom[]> {
    const list = await this.conn().publicRooms();
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Joins a room (found in the directory, or an accepted invitation) and subscribes to it. Only
   * a room of a MUC service (an invitation can name a user's account or any domain); a private
   * room (dm-…) only when it is private to us and the one who invited us (private-rooms.ts).
   */
  async join(room: string): Promise<void> {
    const conn = this.conn();
    if (!(await conn.isRoomAddress(room))) throw new XmppError('not-allowed', `${NOT_A_ROOM}: ${room}`);
    const inviter = this.session.store.invitations.find((i) => i.room === room)?.from;
    if (inviter && looksPrivate(room) && (await whyNotPrivate(conn, room, this.session.store.me, inviter, inviter))) {
      throw new XmppError('not-allowed', /* i18n */ 'This private chat is not private: someone else is in it or can read it');
    }
    this.session.store.removeInvitation(room);
    this.session.open(room);
    await keepRoom(conn, this.session.store, room, this.session.store.room(room)?.nick || this.session.nick()).catch(() => undefined);
  }

  /** Declines an invitation; a mediated one is answered through the room. */
  decline(room: string): void {
    const invite = this.session.store.invitations.find((i) => i.room === room);
    this.session.store.removeInvitation(room);
    const conn = this.session.connection();
    if (invite?.kind === 'mediated' && conn) conn.declineInvite(room, invite.from);
  }

  /** Invites someone; an admin inviting to a members-only room makes them a member first. */
  async invite(room: string, jid: string, reason?: string): Promise<void> {
    const conn = this.conn();
    const target = jid.trim().toLowerCase();
    if (!/^[^@\s/]+@[^@\s/]+$/.test(target)) throw new XmppError('jid-malformed', /* i18n */ 'Enter an address like bob@example.com');
    if (this.rights(room).admin) {
      // From the room's disco#info (known since joining, renewed on a configuration change):
      // an admin who is not an owner may not read the configuration form.
      const known = this.session.store.room(room)?.membersOnly;
      const membersOnly =
        known ??
        (await conn.roomInfo(room).then(
          (i) => i.features.includes('muc_membersonly'),
          () => false,
        ));
      if (membersOnly) await conn.setAffiliation(room, target, 'member');
    }
    conn.invite(room, target, reason);
  }

  settings(room: string): Promise<WireRoomSettings> {
    return this.conn().roomSettings(room);
  }

  async saveSettings(room: string, settings: Partial<WireRoomSettings>): Promise<void> {
    if (settings.name !== undefined && !settings.name.trim()) throw new XmppError('bad-request', /* i18n */ 'Give the room a name');
    await this.conn().saveRoomSettings(room, settings);
    this.session.store.renamed(room, settings.name?.trim(), settings.description?.trim());
  }

  destroy(room: string, reason?: string): Promise<void> {
    return this.conn().destroyRoom(room, reason);
  }

  /**
   * The room's members as far as we may read them, online or not: the owner, admin and member
   * lists (members-only rooms show them to members), on Ethora servers every member with their
   * last activity, and the bans we may read. Fetched on opening the panel and after a change, not per presence.
   */
  async roster(room: string): Promise<Roster> {
    const conn = this.conn();
    const [ethora, bans, ...lists] = await Promise.allSettled([
      this.session.ethoraMembers(room),
      this.bans(room),
      ...(['owner', 'admin', 'member'] as const).map((a) => conn.listAffiliates(room, a)),
    ]);
    return {
      affiliates: lists.flatMap((l) => (l.status === 'fulfilled' ? l.value : [])),
      ethora: (ethora.status === 'fulfilled' && ethora.value) || [],
      bans: bans.status === 'fulfilled' ? bans.value : [],
    };
  }

  /** Everyone in the room now (from the store), then the roster's members who are away. */
  members(room: string, roster: Roster): Member[] {
    return mergeMembers(this.session.store.room(room), this.session.store.me, roster);
  }

  /**
   * Whether Ethora's bans (a reason and a duration) are offered: the Ethora dialect, on a server
   * whose disco#info advertises the ban module (the kit's mod_ethora_ban, Ethora's mod_user_ban).
   */
  async timedBans(): Promise<boolean> {
    const conn = this.session.connection();
    return conn?.dialect === 'ethora' && (await conn.serverSupports(NS_BAN));
  }

  /** The room's bans we may read: its outcasts (admins), and Ethora's bans (its moderators, where offered). */
  async bans(room: string): Promise<Ban[]> {
    const conn = this.conn();
    const r = this.rights(room);
    const [outcasts, ethora] = await Promise.all([
      r.admin ? conn.listAffiliates(room, 'outcast') : [],
      (r.admin || r.moderate) && (await this.timedBans()) ? conn.ethoraBans(room) : [],
    ]);
    const out: Ban[] = ethora.map((b) => ({ jid: b.jid, kind: 'ethora', ...(b.comment ? { reason: b.comment } : {}), ...(b.until ? { until: b.until } : {}) }));
    for (const o of outcasts) if (!out.some((b) => b.jid === o.jid)) out.push({ jid: o.jid, kind: 'outcast', ...(o.reason ? { reason: o.reason } : {}) });
    return out;
  }

  /** Ethora's ban of a user in the room for `seconds` (0: for ever); the server enforces it (messages bounce, joins refused). */
  ban(room: string, jid: string, seconds: number, reason?: string): Promise<void> {
    return this.conn().ethoraBan(room, 'ban', jid, seconds, reason);
  }

  /** Lifts a ban of either kind. */
  unban(room: string, ban: Ban): Promise<void> {
    const conn = this.conn();
    return ban.kind === 'ethora' ? conn.ethoraBan(room, 'unban', ban.jid) : conn.setAffiliation(room, ban.jid, 'none');
  }

  /** Whether we may set the room's image: owners, with the Ethora dialect, where the server advertises ns:getrooms:setprofile. */
  async canSetImage(room: string): Promise<boolean> {
    const conn = this.session.connection();
    return this.rights(room).owner && conn?.dialect === 'ethora' && (await conn.serverSupports(NS_SETPROFILE));
  }

  /** Sets the room's image (an http(s) address; '' removes it), shown in the room list. */
  async setImage(room: string, url: string): Promise<void> {
    const text = url.trim();
    const safe = text ? imageUrl(text) : '';
    if (safe === undefined) throw new XmppError('bad-request', /* i18n */ 'Use an http or https address for the image');
    await this.conn().setRoomImage(room, safe);
    this.session.store.setThumbnail(room, safe || undefined);
  }

  /** Grants or revokes an affiliation; 'outcast' bans, 'none' from outcast unbans. */
  setAffiliation(room: string, jid: string, affiliation: Affiliation, reason?: string): Promise<void> {
    return this.conn().setAffiliation(room, jid, affiliation, reason);
  }

  /** Removes an occupant from the room (they may come back unless banned). */
  kick(room: string, nick: string, reason?: string): Promise<void> {
    return this.conn().setRole(room, nick, 'none', reason);
  }

  /** visitor silences, participant gives voice back, moderator makes a moderator. */
  setRole(room: string, nick: string, role: Exclude<Role, 'none'>): Promise<void> {
    return this.conn().setRole(room, nick, role);
  }

  /** Seconds since the user was last active, where the server says. */
  async lastActivity(jid: string): Promise<number | undefined> {
    return this.session.connection()?.lastActivity(jid);
  }

  private conn(): XmppConnection {
    const conn = this.session.connection();
    if (!conn) throw new XmppError('not-connected', OFFLINE);
    return conn;
  }
}
