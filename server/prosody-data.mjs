// The server kit's data helpers for the Prosody profile (server/kit.mjs re-exports them in place of
// server/kit-data.mjs's when ETHORA_KIT_PROFILE=prosody): the same functions and results, through
// server/prosody-kit.lua on Prosody's admin socket. What only ejabberd has (MucSub) says so.
import { DEMO_ROOMS, DEMO_USERS, DOMAIN, MUC_DOMAIN, NODES } from './kit.mjs';
import { adminCall } from './prosody.mjs';

export { unique } from './kit-data.mjs';

const call = (fn, args) => adminCall(NODES[0], fn, args);
const bareJid = (u, domain = DOMAIN) => (u.includes('@') ? u : `${u}@${domain}`);

/** Creates the user, or resets its password if it exists. Returns { jid, created }. */
export async function registerUser(user, password) {
  const [name, host = DOMAIN] = user.split('@');
  const { created } = await call('register', { user: name, host, password });
  return { jid: `${name}@${host}`, created: Boolean(created) };
}

/** True when `password` signs the user in. */
export async function checkPassword(user, password) {
  const [name, host = DOMAIN] = bareJid(user).split('@');
  return (await call('check_password', { user: name, host, password })).ok === true;
}

/** The ejabberd room options the tests pass (`options`) that mean something on Prosody. */
const OPTIONS = {
  moderated: (v) => ({ moderated: v === true || v === 'true' }),
  // Prosody makes occupants without an affiliation visitors in a moderated room anyway.
  members_by_default: (v) => (v === false || v === 'false' ? {} : undefined),
  members_only: (v) => ({ members_only: v === true || v === 'true' }),
  public: (v) => ({ public: v === true || v === 'true' }),
};

/** Creates (or re-configures) a persistent, archived, public room showing real JIDs. Returns { jid, created }.
 *  opts: title, description, public (true), membersOnly (false), options (the ejabberd names above only). */
export async function createRoom(name, opts = {}) {
  const jid = bareJid(name, MUC_DOMAIN);
  const settings = {
    jid,
    title: opts.title ?? '',
    description: opts.description ?? '',
    public: opts.public ?? true,
    members_only: opts.membersOnly ?? false,
    moderated: false,
  };
  for (const [option, value] of Object.entries(opts.options ?? {})) {
    const mapped = OPTIONS[option]?.(value);
    if (!mapped) throw new Error(`room option ${option}=${value} has no Prosody equivalent in the kit`);
    Object.assign(settings, mapped);
  }
  const { created } = await call('create_room', settings);
  return { jid, created: Boolean(created) };
}

/** MucSub is ejabberd's: Prosody has no subscriptions. A user's rooms live in their bookmarks there (bookmarkRoom). */
export async function subscribeRoom() {
  throw new Error('MucSub subscriptions are ejabberd-only: the Prosody profile has none (a user keeps rooms in bookmarks: bookmarkRoom)');
}

/** A XEP-0402 bookmark (PEP) of `room` for `user`, autojoin by default, as a client publishes it. */
export async function bookmarkRoom(user, room, { name = '', nick, autojoin = true } = {}) {
  const jid = bareJid(user);
  await call('bookmark', { jid, room: bareJid(room, MUC_DOMAIN), name, nick: nick || jid.split('@')[0], autojoin });
}

/** affiliation: owner | admin | member | outcast | none. */
export async function setAffiliation(roomJid, userJid, affiliation) {
  await call('set_affiliation', { room: bareJid(roomJid, MUC_DOMAIN), jid: bareJid(userJid), affiliation });
}

/** Posts `count` groupchat messages as `fromUser` (nick = its local part), relayed and archived
 *  like a client's. Prosody needs no membership or subscription for it. */
export async function sendRoomMessages(room, fromUser, count, text = (i) => `Message ${i + 1}`) {
  const from = bareJid(fromUser);
  const bodies = Array.from({ length: count }, (_, i) => text(i));
  for (let i = 0; i < bodies.length; i += 100) {
    await call('send_messages', { room: bareJid(room, MUC_DOMAIN), from, nick: from.split('@')[0], bodies: bodies.slice(i, i + 100) });
  }
  return count;
}

/** Makes two users contacts of each other (roster, subscription both). */
export async function addContacts(userA, userB) {
  await call('add_contacts', { a: bareJid(userA), b: bareJid(userB) });
}

/** Ends every session of a user, stream-management state included (no resume). */
export async function kickUser(user) {
  await call('kick', { jid: bareJid(user) });
}

/** Demo users (with their vCard names) and rooms; the rooms a user is subscribed to on ejabberd
 *  are bookmarks with autojoin here. Idempotent. Returns what it created. */
export async function seed() {
  const created = [];
  for (const u of DEMO_USERS) {
    if ((await registerUser(u.user, u.password)).created) created.push(`user ${u.user}`);
    await call('set_vcard', { user: u.user, host: DOMAIN, fn: u.name });
  }
  for (const r of DEMO_ROOMS) {
    if ((await createRoom(r.name, { title: r.title })).created) created.push(`room ${r.name}`);
    for (const s of r.subscribers) await bookmarkRoom(s, r.name, { name: r.title, nick: s });
  }
  return created;
}
