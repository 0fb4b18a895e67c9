// Shared constants of the benchmark (bench/README.md explains the method).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_URL } from '../server/kit.mjs';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);
export const CACHE_DIR = path.join(ROOT, '.cache', 'bench');
export const RESULTS_FILE = path.join(CACHE_DIR, 'results.json');

/** The server kit's WebSocket URL: follows ETHORA_KIT_SLOT (slot 0 = ws://127.0.0.1:5280/ws, slot n = port 5280+10n). */
export let WS_URL = SERVICE_URL;
/** Points both clients at another WebSocket URL (run.mjs --rtt: the fault proxy in front of the server). */
export function useService(url) {
  WS_URL = url;
}
export const DOMAIN = 'localhost';
export const MUC = 'conference.localhost';

/** Bench users; password = name. */
export const USERS = {
  reader: 'bench-reader', // opens the 1k / 10k / live rooms in the page
  many: 'bench-many', // MucSub-subscribed to the 500 rooms
  senderA: 'bench-sender-a', // history author; live sender (Node)
  senderB: 'bench-sender-b', // history author
  floor: 'bench-floor', // raw StanzaJS receiver in Node (latency floor)
};
export const jidOf = (user) => `${user}@${DOMAIN}`;

/** Seeded rooms. Message n of a room carries the tag [<tag>-n] at the start of its body. */
export const ROOM_1K = { name: 'bench-1k', title: 'Bench 1k', count: 1000, tag: 'k1' };
export const ROOM_10K = { name: 'bench-10k', title: 'Bench 10k', count: 10000, tag: 'k10' };
export const MANY = { prefix: 'bench-r-', count: 500, tag: 'r' };
export const manyRoomName = (i) => `${MANY.prefix}${String(i).padStart(3, '0')}`;
export const roomJid = (name) => `${name}@${MUC}`;

/** Repetitions and bounds. */
export const RUNS = Number(process.env.BENCH_RUNS) || 5;
export const SCROLLBACK_MESSAGES = 200;
export const LATENCY_MESSAGES = 50;
/** BENCH_BURST=5000 for the long burst (its runs take minutes). */
export const BURST_MESSAGES = Number(process.env.BENCH_BURST) || 500;
export const TIMEOUT = {
  coldStart: 45_000,
  scrollBack: 60_000,
  join: 20_000,
  latencyEach: 5_000,
  burst: Math.max(60_000, 30 * (Number(process.env.BENCH_BURST) || 0)),
  roomList: 150_000,
  settle: 15_000,
};

export const VIEWPORT = { width: 1280, height: 800 };
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Loopback only: any other host name fails at once (Converse's about page links three remote logos).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Converse.js, installed on demand outside the widget's dependencies. */
export const CONVERSE_SPEC = 'converse.js@14';
export const CONVERSE_DIST = path.join(CACHE_DIR, 'node_modules', 'converse.js', 'dist');
/** Converse's MAM page size for parity with the widget's 30 (Converse's default is 50). */
export const CONVERSE_PAGE_SIZE = 30;
