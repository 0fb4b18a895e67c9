// Worker thread: the two raw StanzaJS clients of the live runs (the sender, and the floor that
// receives). Off the main thread, so Playwright's CDP traffic there never delays them.
// Times are performance.timeOrigin + performance.now(), the same clock as the main thread's.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { connect, disconnect, join } from './xmpp.mjs';

const now = () => performance.timeOrigin + performance.now();
const tagOf = (body) => /^\[([^\]]+)\]/.exec(body ?? '')?.[1];
const FILLER = 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor';
let sender;
let floor;

async function ensure() {
  for (const [name, user] of [
    ['sender', workerData.sender],
    ['floor', workerData.floor],
  ]) {
    const c = name === 'sender' ? sender : floor;
    if (c?.sessionStarted && c.transport) continue;
    await disconnect(c);
    const fresh = await connect(user, { resource: `bench-${name}` });
    if (name === 'sender') {
      sender = fresh;
      // Reports occupants joining (to see the page's client enter the room).
      sender.on('muc:available', (p) => parentPort.postMessage({ type: 'presence', from: p.from }));
    } else {
      floor = fresh;
      // The raw WebSocket frame (before parsing) and the parsed groupchat event.
      floor.on('raw:incoming', (data) => {
        const t = now();
        const tag = /<body>\[([^\]]+)\]/.exec(data)?.[1];
        if (tag) parentPort.postMessage({ type: 'wire', tag, t });
      });
      floor.on('groupchat', (m) => {
        const t = now();
        const tag = tagOf(m.body);
        if (tag) parentPort.postMessage({ type: 'recv', tag, t, from: m.from });
      });
    }
  }
}

const handlers = {
  ensure,
  async join({ room }) {
    await ensure();
    await join(sender, room, 'sender');
    await join(floor, room, 'floor');
  },
  leave({ room }) {
    sender?.leaveRoom(room, 'sender');
    floor?.leaveRoom(room, 'floor');
  },
  /** One message; returns the send time (taken just before the client serializes it). */
  send({ room, tag, text }) {
    const t = now();
    sender.sendMessage({ to: room, type: 'groupchat', body: `[${tag}] ${text}: ${FILLER}` });
    return t;
  },
  /** count messages as fast as the client takes them: [B-1] … [B-count]. */
  burst({ room, count }) {
    const first = now();
    for (let k = 1; k <= count; k++) sender.sendMessage({ to: room, type: 'groupchat', body: `[B-${k}] burst ${k}: ${FILLER}` });
    return { first, last: now() };
  },
  async close() {
    await disconnect(sender);
    await disconnect(floor);
  },
};

parentPort.on('message', async ({ id, op, args }) => {
  try {
    parentPort.postMessage({ type: 'reply', id, value: await handlers[op](args ?? {}) });
  } catch (e) {
    parentPort.postMessage({ type: 'reply', id, error: String(e?.message ?? e?.error?.condition ?? e) });
  }
});
