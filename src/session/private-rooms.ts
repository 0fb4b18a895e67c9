/**
 * Private 1:1 rooms that nobody else can pre-create or sit in.
 *
 * The pair's room name (`privateRoomName`) is derived from the two addresses, so anyone can
 * create it first. An existing room is therefore entered only when it checks out
 * (`whyNotPrivate`); otherwise a fresh room with an unguessable name (the pair's name and 128
 * random bits) is created, made members-only and hidden, the peer made an owner and invited.
 * The peer accepts such an invitation only when the room checks out the same way.
 */
import { XmppError } from '../protocol/errors.js';
import { parseJid } from '../protocol/jid.js';
import type { WireRoomSettings } from '../protocol/types.js';
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { ChatStore } from '../state/chat-store.js';
import { localPart } from './ids.js';

/** The 1:1 room of two users: the same name whoever creates it (FNV-1a of the sorted JIDs). */
export function privateRoomName(a: string, b: string): string {
  const key = [a.toLowerCase(), b.toLowerCase()].sort().join('\n');
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `dm-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** A name nobody can guess or take first: the pair's name and 128 random bits. */
export function freshPrivateName(a: string, b: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${privateRoomName(a, b)}-${Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** A private room's name: the pair's, or a fresh one. */
const PRIVATE_NAME = /^dm-[0-9a-f]{16}(-[0-9a-f]{32})?$/;

/** Whether a room's name says it is a private 1:1 room (then it must check out before we enter). */
export function looksPrivate(room: string): boolean {
  return PRIVATE_NAME.test(parseJid(room)?.local ?? '');
}

/**
 * Rooms from the server's lists (subscriptions, Ethora's ns:getrooms) whose name says private
 * are kept only when they check out as a private room of ours with one other person: a room
 * someone prepared under a private name and made us an owner or member of would otherwise be
 * listed, entered, and look like a private chat.
 */
export async function withoutFakePrivateRooms<T extends { room: string }>(conn: XmppConnection, refs: readonly T[], me: string): Promise<T[]> {
  const checks = refs.map(async (ref) => {
    if (!looksPrivate(ref.room)) return true;
    try {
      const lists = await Promise.all((['owner', 'admin', 'member'] as const).map((a) => conn.listAffiliates(ref.room, a)));
      const others = new Set(
        lists
          .flat()
          .map((x) => x.jid)
          .filter((jid) => jid !== me),
      );
      const owners = new Set(lists[0].map((x) => x.jid));
      const [peer] = others;
      if (others.size !== 1) return false;
      return (await whyNotPrivate(conn, ref.room, me, peer, owners.has(me) ? me : peer)) === undefined;
    } catch {
      return false;
    }
  });
  const keep = await Promise.all(checks);
  return refs.filter((_, i) => keep[i]);
}

/** What a private room is set to (its creator's choice; members-only and hidden are checked). */
function privateSettings(me: string, peer: string): Partial<WireRoomSettings> {
  return { name: `${localPart(me)} & ${localPart(peer)}`, public: false, membersOnly: true, allowInvites: false, persistent: true };
}

/**
 * Why `room` is not a private room of `me` and `peer`, or undefined when it is: 'missing' when
 * it does not exist, else 'shared'. It must be members-only and hidden (not listed); `vouch`
 * (ourselves when we start the chat, the inviter when we accept) one of its owners; its owners,
 * admins and members among the two; and, read as an owner, its MucSub subscribers too (ejabberd
 * keeps the subscription of someone who gave up their affiliation). A member who may not read
 * the subscribers relies on the inviting owner, whose widget read them. Occupants follow: a
 * members-only room admits only its affiliated users and removes anyone whose membership goes.
 */
export async function whyNotPrivate(conn: XmppConnection, room: string, me: string, peer: string, vouch: string): Promise<'missing' | 'shared' | undefined> {
  try {
    const info = await conn.roomInfo(room);
    if (!info.features.includes('muc_membersonly') || !info.features.includes('muc_hidden')) return 'shared';
    const two = new Set([me, peer]);
    const [owners, admins, members] = await Promise.all((['owner', 'admin', 'member'] as const).map((a) => conn.listAffiliates(room, a)));
    const owns = (jid: string) => owners.some((o) => o.jid === jid);
    if (!owns(vouch) || ![...owners, ...admins, ...members].every((a) => two.has(a.jid))) return 'shared';
    // A room without MucSub has no subscribers.
    const subscribers = !info.features.includes('urn:xmpp:mucsub:0')
      ? []
      : await conn.listSubscribers(room).catch((err: unknown) => {
          if (owns(me)) throw err;
          return [];
        });
    return subscribers.every((jid) => two.has(jid)) ? undefined : 'shared';
  } catch (err) {
    return (err as XmppError).condition === 'item-not-found' ? 'missing' : 'shared';
  }
}

export interface PrivatePort {
  conn: XmppConnection;
  store: ChatStore;
  nick: string;
  /** Subscribes to a room we are in (as `nick`) and opens it. */
  enter(room: string, nick: string): Promise<void>;
}

/**
 * Opens the private room of us and `peer` on `service`: the pair's room, or one we know
 * already (listed, or an invitation), if it checks out; else a fresh one.
 */
export async function openPrivateRoom(port: PrivatePort, service: string, peerJid: string): Promise<string> {
  const { conn, store } = port;
  const me = store.me;
  const peer = peerJid.trim().toLowerCase();
  if (!/^[^@\s/]+@[^@\s/]+$/.test(peer)) throw new XmppError('jid-malformed', /* i18n */ 'Enter the address of the person, e.g. bob@example.com');
  if (peer === me) throw new XmppError('bad-request', /* i18n */ 'A private chat needs someone else');
  const name = privateRoomName(me, peer);
  const pair = `${name}@${service}`;
  const earlier = [...store.rooms.map((r) => r.jid), ...store.invitations.map((i) => i.room)].filter(
    (jid) => jid.startsWith(`${name}-`) && jid.endsWith(`@${service}`),
  );
  for (const room of new Set([pair, ...earlier])) {
    const why = await whyNotPrivate(conn, room, me, peer, me);
    if (!why) {
      // Ours to keep private: the settings that matter, and the peer an owner too.
      const joined = await conn.join(room, port.nick);
      await conn.saveRoomSettings(room, { public: false, membersOnly: true }, true);
      await conn.setAffiliation(room, peer, 'owner');
      store.removeInvitation(room);
      await port.enter(room, joined.nick);
      return room;
    }
    if (why === 'missing' && room === pair && (await claim(port, room, peer))) return room;
  }
  for (let i = 0; i < 3; i++) {
    const room = `${freshPrivateName(me, peer)}@${service}`;
    if (await claim(port, room, peer)) return room;
  }
  throw new XmppError('conflict', /* i18n */ 'Could not create the private chat: try again');
}

/** Creates the room if nobody has it yet (status 201): private, the peer an owner and invited. */
async function claim(port: PrivatePort, room: string, peer: string): Promise<boolean> {
  const { conn } = port;
  const joined = await conn.join(room, port.nick).catch(() => undefined);
  if (!joined?.created) {
    if (joined) conn.leave(room);
    return false;
  }
  await conn.saveRoomSettings(room, privateSettings(port.store.me, peer), true);
  await conn.setAffiliation(room, peer, 'owner');
  await port.enter(room, joined.nick);
  conn.invite(room, peer, 'Private chat');
  return true;
}
