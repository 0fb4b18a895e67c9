// Idempotent bench data: users, a 1,000-message room, a 10,000-message room and a user
// MucSub-subscribed to 500 rooms (one message each). Archive counts are read over MAM first
// and only what is missing is posted (MAM on Mnesia slows as an archive grows: seed once, reuse).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUCSUB_NODES, STATE_DIR, api, createRoom, registerUser, startServer, stopServer, subscribeRoom } from '../server/kit.mjs';
import { DOMAIN, MANY, MUC, ROOM_10K, ROOM_1K, USERS, jidOf, manyRoomName, roomJid } from './config.mjs';
import { archiveCount, connect, disconnect, newestArchived } from './xmpp.mjs';

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore ' +
  'magna aliqua ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo consequat ' +
  'release build deploy meeting review design chat widget server room message history scroll tomorrow today'
).split(' ');

/** A deterministic small PRNG (mulberry32). */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Body of message n (1-based) of a seeded room: "[tag-n] " + 3..40 words (a link now and then). */
export function seededBody(tag, n) {
  const r = rng(n * 7919 + tag.length);
  const words = [];
  const len = 3 + Math.floor(r() * r() * 38);
  for (let i = 0; i < len; i++) words.push(WORDS[Math.floor(r() * WORDS.length)]);
  if (r() < 0.05) words.push('https://example.com/page/' + n);
  return `[${tag}-${n}] ${words.join(' ')}`;
}

/** Author of message n: blocks of 3 messages, each block by a random one of the two senders. */
export function seededAuthor(n) {
  return rng(Math.floor(n / 3) + 17)() < 0.5 ? USERS.senderA : USERS.senderB;
}

async function roomsOnServer() {
  return new Set(await api('muc_online_rooms', { service: MUC }));
}

async function ensureRoom(name, title, existing) {
  if (existing.has(roomJid(name))) return false;
  await createRoom(name, { title });
  return true;
}

/** Senders subscribe to the config node only: the room then accepts their API posts, but routes
 *  no message events to them (an offline subscriber would get each one into offline storage,
 *  which makes every post slower as that store grows). */
const SENDER_NODES = ['urn:xmpp:mucsub:nodes:config'];

/** MucSub-subscribes user to rooms with exactly these nodes (default: all, like a real user). */
async function ensureSubscribed(user, rooms, nodes = MUCSUB_NODES) {
  const subs = new Map((await api('get_user_subscriptions', { user, host: DOMAIN })).map((s) => [s.roomjid, s.nodes]));
  const want = [...nodes].sort().join(' ');
  let added = 0;
  for (const room of rooms) {
    if ([...(subs.get(room) ?? [])].sort().join(' ') === want) continue;
    await subscribeRoom(jidOf(user), user, room, nodes);
    added++;
  }
  return added;
}

/** Messages waiting in an account's offline store. */
async function offlineCount(user) {
  return Number((await api('get_offline_count', { user, server: DOMAIN }))?.value ?? 0);
}

async function post(room, n, tag) {
  await api('send_message', { type: 'groupchat', from: jidOf(seededAuthor(n)), to: room, subject: '', body: seededBody(tag, n) });
}

/** ejabberd's Mnesia MAM table (a dets bag): appending to a big room rewrites that room's whole
 *  object list, and the freed space is not reused well, so the file bloats while a 10k room is
 *  seeded (2.7k -> 8.3k messages took it to 2 GB, the point where ejabberd stops archiving:
 *  "MAM archives too large"). A forced dets repair compacts it (2 GB -> 15 MB in 0.6 s). */
const ARCHIVE_FILE = path.join(STATE_DIR, 'spool', 'archive_msg.DAT');
const COMPACT_ABOVE = 800e6;
const archiveFileSize = () => {
  try {
    return statSync(ARCHIVE_FILE).size;
  } catch {
    return 0;
  }
};

/** Stops the node, compacts archive_msg.DAT (as the ejabberd user when root), starts it again.
 *  Only used while seeding, when the file passed COMPACT_ABOVE. */
export async function compactArchive(log) {
  const before = archiveFileSize();
  log(`  compacting ${path.relative(process.cwd(), ARCHIVE_FILE)} (${(before / 1e6).toFixed(0)} MB): ejabberd is stopped for a few seconds`);
  await stopServer();
  const erl = `R = dets:open_file(amsg, [{file, "${ARCHIVE_FILE}"}, {repair, force}, {type, bag}, {keypos, 2}]),
    io:format("~p", [R]), dets:close(amsg), halt().`;
  const cmd = process.getuid?.() === 0 ? ['runuser', ['-u', 'ejabberd', '--', 'erl', '-noshell', '-eval', erl]] : ['erl', ['-noshell', '-eval', erl]];
  const out = execFileSync(cmd[0], cmd[1], { encoding: 'utf8', timeout: 600_000 });
  await startServer();
  if (!out.includes('{ok,amsg}')) throw new Error(`dets compaction of ${ARCHIVE_FILE} failed: ${out}`);
  log(`  compacted: ${(before / 1e6).toFixed(0)} MB -> ${(archiveFileSize() / 1e6).toFixed(1)} MB`);
}

/** Posts messages have+1..want into a room in archive order: chunks of posts, each confirmed by
 *  a MAM count (the room archives asynchronously; waiting keeps its queue short). */
async function fill(clientRef, room, tag, have, want, log) {
  const t0 = Date.now();
  const CHUNK = 250;
  for (let n = have + 1; n <= want;) {
    const end = Math.min(want, n + CHUNK - 1);
    for (; n <= end; n++) await post(room, n, tag);
    const count = await archiveCount(clientRef.client, room);
    log(`  ${room}: ${count}/${want} archived (${((Date.now() - t0) / 1000).toFixed(0)} s, archive file ${(archiveFileSize() / 1e6).toFixed(0)} MB)`);
    if (count < end) throw new Error(`${room}: ${count} archived after posting ${end} (see .state/ejabberd/logs/ejabberd.log)`);
    if (archiveFileSize() > COMPACT_ABOVE) {
      await disconnect(clientRef.client);
      await compactArchive(log);
      clientRef.client = await connect(USERS.reader);
    }
  }
  return Date.now() - t0;
}

/** Seeds what is missing; returns a summary (counts, what was done, how long it took). */
export async function seedBench({ log = console.log } = {}) {
  const t0 = Date.now();
  const done = [];
  for (const user of Object.values(USERS)) {
    // An account whose offline store filled up (MucSub events while offline) is re-created.
    const created = (await registerUser(user, user)).created;
    if (!created && (await offlineCount(user)) > 0) {
      await api('unregister', { user, host: DOMAIN });
      await registerUser(user, user);
      done.push(`emptied the offline store of ${user}`);
    }
  }
  const existing = await roomsOnServer();
  const ref = { client: await connect(USERS.reader) };
  const summary = { rooms: {} };
  try {
    for (const room of [ROOM_1K, ROOM_10K]) {
      const jid = roomJid(room.name);
      if (await ensureRoom(room.name, room.title, existing)) done.push(`room ${room.name}`);
      await ensureSubscribed(USERS.senderA, [jid], SENDER_NODES);
      await ensureSubscribed(USERS.senderB, [jid], SENDER_NODES);
      let count = await archiveCount(ref.client, jid);
      if (count < room.count) {
        log(`seeding ${jid}: ${count} -> ${room.count} messages (one time; kept in .state/ejabberd)`);
        const ms = await fill(ref, jid, room.tag, count, room.count, log);
        done.push(`${room.count - count} messages in ${room.name} (${(ms / 1000).toFixed(1)} s)`);
        count = await archiveCount(ref.client, jid);
      }
      const newest = await newestArchived(ref.client, jid);
      const newestN = Number(/^\[[a-z0-9]+-(\d+)\]/.exec(newest ?? '')?.[1] ?? 0);
      if (count < room.count) throw new Error(`${jid} has ${count} archived messages after seeding, expected ${room.count}`);
      summary.rooms[room.name] = { jid, count, newest: newestN, tag: room.tag };
    }

    // 500 rooms, one message each, all MucSub-subscribed by USERS.many.
    const many = Array.from({ length: MANY.count }, (_, i) => roomJid(manyRoomName(i)));
    let created = 0;
    for (let i = 0; i < MANY.count; i++) if (await ensureRoom(manyRoomName(i), `Room ${String(i).padStart(3, '0')}`, existing)) created++;
    if (created) done.push(`${created} of the ${MANY.count} rooms`);
    const senderSubs = await ensureSubscribed(USERS.senderA, many, SENDER_NODES);
    if (senderSubs) done.push(`${senderSubs} subscriptions of ${USERS.senderA}`);
    // Every MAM query scans ejabberd's whole Mnesia archive (~50 ms here): check a sample of the
    // rooms, and all of them only when a sampled one is empty.
    let posted = 0;
    const sample = [0, 1, Math.floor(MANY.count / 2), MANY.count - 2, MANY.count - 1];
    const sampled = await Promise.all(sample.map((i) => archiveCount(ref.client, many[i])));
    if (created || sampled.some((n) => n === 0)) {
      for (let i = 0; i < many.length; i += 50) {
        const chunk = many.slice(i, i + 50);
        const counts = await Promise.all(chunk.map((jid) => archiveCount(ref.client, jid)));
        for (let k = 0; k < chunk.length; k++) {
          if (counts[k] > 0) continue;
          await api('send_message', {
            type: 'groupchat',
            from: jidOf(USERS.senderA),
            to: chunk[k],
            subject: '',
            body: `[${MANY.tag}-${i + k}] Welcome to room ${i + k}`,
          });
          posted++;
        }
      }
    }
    if (posted) done.push(`${posted} messages in the 500 rooms`);
    // Subscribed after the posts, so the welcome messages do not queue in its offline store.
    const subs = await ensureSubscribed(USERS.many, many);
    if (subs) done.push(`${subs} MucSub subscriptions of ${USERS.many}`);
    summary.many = {
      user: jidOf(USERS.many),
      rooms: many.length,
      subscriptions: (await api('get_user_subscriptions', { user: USERS.many, host: DOMAIN })).length,
    };
  } finally {
    await disconnect(ref.client);
  }
  summary.done = done;
  summary.ms = Date.now() - t0;
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startServer } = await import('../server/kit.mjs');
  await startServer();
  const s = await seedBench();
  console.log(JSON.stringify(s, null, 2));
  process.exit(0);
}
