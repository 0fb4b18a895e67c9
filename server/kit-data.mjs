// The server kit's data helpers (re-exported by server/kit.mjs, which is what callers import):
// users, rooms, MucSub subscriptions, affiliations, messages and the demo seed, all through the
// authenticated admin API (kit.api).
import { DEMO_ROOMS, DEMO_USERS, DOMAIN, MUC_DOMAIN, MUCSUB_NODES, api } from './kit.mjs';

const bareJid = (u, domain = DOMAIN) => (u.includes('@') ? u : `${u}@${domain}`);
const splitRoom = (room) => {
  const [name, service = MUC_DOMAIN] = room.split('@');
  return { name, service };
};

/** Creates the user, or resets its password if it exists. Returns { jid, created }. */
export async function registerUser(user, password) {
  const [name, host = DOMAIN] = user.split('@');
  try {
    await api('register', { user: name, host, password });
    return { jid: `${name}@${host}`, created: true };
  } catch (e) {
    if (e.status !== 409) throw e;
    await api('change_password', { user: name, host, newpass: password });
    return { jid: `${name}@${host}`, created: false };
  }
}

/** Creates (or re-configures) a persistent MAM room with MucSub allowed. Returns { jid, created }.
 *  opts: title, description, public (true), membersOnly (false), options: { raw_ejabberd_option: value },
 *  node (a cluster node from NODES: the room is created, and lives, there; default the first). */
export async function createRoom(name, opts = {}) {
  const { service } = splitRoom(name);
  name = splitRoom(name).name;
  const options = {
    title: opts.title ?? '',
    description: opts.description ?? '',
    persistent: true,
    mam: true,
    allow_subscription: true,
    public: opts.public ?? true,
    members_only: opts.membersOnly ?? false,
    ...opts.options,
  };
  const list = Object.entries(options).map(([n, v]) => ({ name: n, value: String(v) }));
  try {
    await api('create_room_with_opts', { name, service, host: DOMAIN, options: list }, opts.node);
    return { jid: `${name}@${service}`, created: true };
  } catch (e) {
    if (!/already exists/i.test(e.message)) throw e;
    for (const { name: option, value } of list) await api('change_room_option', { name, service, option, value });
    return { jid: `${name}@${service}`, created: false };
  }
}

/** MucSub-subscribes a user (name or JID) to a room (name or JID). Idempotent. Returns the nodes. */
export async function subscribeRoom(userJid, nick, roomJid, nodes = MUCSUB_NODES) {
  const user = bareJid(userJid);
  return api('subscribe_room', { user, nick: nick || user.split('@')[0], room: bareJid(roomJid, MUC_DOMAIN), nodes: nodes.join(',') });
}

/** affiliation: owner | admin | member | outcast | none. */
export async function setAffiliation(roomJid, userJid, affiliation) {
  const { name, service } = splitRoom(bareJid(roomJid, MUC_DOMAIN));
  await api('set_room_affiliation', { name, service, jid: bareJid(userJid), affiliation });
}

/** Posts `count` groupchat messages as `fromUser` (they are archived like client messages).
 *  The room accepts them from a MucSub subscriber only, so the user is subscribed if needed. */
export async function sendRoomMessages(room, fromUser, count, text = (i) => `Message ${i + 1}`) {
  room = bareJid(room, MUC_DOMAIN);
  const from = bareJid(fromUser);
  const { name, service } = splitRoom(room);
  if (!(await api('get_subscribers', { name, service })).includes(from)) await subscribeRoom(from, from.split('@')[0], room);
  for (let i = 0; i < count; i++) {
    await api('send_message', { type: 'groupchat', from, to: room, subject: '', body: text(i) });
  }
  return count;
}

/** Makes two users contacts of each other (roster, subscription both): they may then see
 *  each other's presence and last activity (XEP-0012). */
export async function addContacts(userA, userB) {
  const [a, b] = [bareJid(userA), bareJid(userB)];
  for (const [me, other] of [
    [a, b],
    [b, a],
  ]) {
    const [localuser, localhost] = me.split('@');
    const [user, host] = other.split('@');
    await api('add_rosteritem', { localuser, localhost, user, host, nick: user, group: 'Contacts', subs: 'both' });
  }
}

/** Ends every session of a user (name or JID) on the server, resumable (XEP-0198) state included. */
export async function kickUser(user) {
  const [name, host = DOMAIN] = bareJid(user).split('@');
  await api('kick_user', { user: name, host });
}

let uniqueCounter = 0;
/** A fresh, JID-safe name (lower case) so each test run gets its own users/rooms. */
export function unique(prefix = 'u') {
  const rand = Math.random().toString(36).slice(2, 6);
  return `${prefix}-${Date.now().toString(36)}${(uniqueCounter++).toString(36)}${rand}`.toLowerCase();
}

/** Demo users and rooms. Idempotent: safe on every start. Returns what it created. */
export async function seed() {
  const created = [];
  for (const u of DEMO_USERS) {
    if ((await registerUser(u.user, u.password)).created) created.push(`user ${u.user}`);
    await api('set_vcard', { user: u.user, host: DOMAIN, name: 'FN', content: u.name });
  }
  for (const r of DEMO_ROOMS) {
    if ((await createRoom(r.name, { title: r.title })).created) created.push(`room ${r.name}`);
    for (const s of r.subscribers) await subscribeRoom(s, s, r.name);
  }
  return created;
}
