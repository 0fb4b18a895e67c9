// Hostile input, timed: `npm run bench:hostile` (builds dist/esm first). Not a test: it prints
// how long the text helpers take on 100,000-character inputs built to make regular expressions
// backtrack (before: the expressions they replaced, run here for comparison), and how much memory
// the chat state keeps after a 10,000-stanza flood of each kind an occupant can send.
// Node only, no server, no network.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
const { linkify } = await import('../dist/esm/elements/text.js');
const { replyOf } = await import('../dist/esm/protocol/parse-content.js');
const { NS_REPLY } = await import('../dist/esm/protocol/definitions-xep.js');
const { ChatStore } = await import('../dist/esm/state/chat-store.js');

const N = 100_000;
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// The old expressions are quadratic: timed on a tenth of the input (x100 would be the full size).
const OLD = N / 10;
console.log(`## Text helpers on ${N.toLocaleString('en')}-character inputs\n`);
console.log(`| input | before (old expression, on ${OLD.toLocaleString('en')} characters) | now (${N.toLocaleString('en')}) |`);
console.log('|---|---|---|');
const newlines = `${'\n'.repeat(N)}x`;
const fallback = { body: `> ${newlines}\nreply`, reply: { id: 'r1' }, fallbacks: [{ for: NS_REPLY, bodies: [{ start: 0, end: N + 3 }] }] };
console.log(
  `| reply fallback: ${N} newlines then a letter | ${ms(time(() => newlines.slice(-OLD - 1).replace(/\n+$/, '')))} | ${ms(time(() => replyOf(fallback, undefined)))} |`,
);
const parens = `http://a.example/${')'.repeat(N)}x`;
console.log(
  `| link: ${N} closing parentheses then a letter | ${ms(time(() => /[.,;:!?)\]}'"]+$/.exec(parens.slice(-OLD - 1))))} | ${ms(time(() => linkify(parens)))} |`,
);
const dots = `see http://a.example/${'.'.repeat(N)}`;
console.log(`| link ending in ${N} dots | ${ms(time(() => /[.,;:!?)\]}'"]+$/.exec(dots.slice(-OLD))))} | ${ms(time(() => linkify(dots)))} |`);
const many = 'http://a.example/ '.repeat(N / 18);
console.log(`| ${Math.floor(N / 18)} links | — | ${ms(time(() => linkify(many)))} |`);

console.log('\n## State after a 10,000-stanza flood (heap growth, after GC)\n');
const ROOM = 'flood@conference.localhost';
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
function fresh() {
  const s = new ChatStore();
  s.me = 'alice@localhost';
  s.addRoom({ room: ROOM }, 'attribute', 'alice');
  s.changeRoom(ROOM, (r) => (r.join = 'joined'));
  s.applyMessage({ room: ROOM, nick: 'bob', body: 'target', stanzaId: 't' }, true);
  return s;
}
const occ = (nick, available) => ({ room: ROOM, nick, jid: `${nick}@localhost`, role: 'participant', affiliation: 'none', available, self: false, codes: [] });
const floods = {
  'joins and leaves': (s, i) => s.applyOccupant(occ(`n${i >> 1}`, i % 2 === 0)),
  'reactions, each from another occupant': (s, i) => {
    s.applyOccupant(occ(`r${i}`, true));
    s.applyAction({ kind: 'reactions', reactions: { room: ROOM, nick: `r${i}`, targetId: 't', emojis: ['👍', '🎉'], stanzaId: `a${i}` } }, true);
  },
  'actions for targets that never arrive': (s, i) =>
    s.applyAction({ kind: 'edit', edit: { room: ROOM, nick: 'bob', targetId: `missing-${i}`, body: 'x', stanzaId: `e${i}` } }, true),
  'invitations to different rooms': (s, i) => s.addInvitation({ room: `r${i}@conference.localhost`, from: 'mallory@localhost', kind: 'direct' }),
  'typing from different nicks': (s, i) => s.setTyping(ROOM, `t${i}`, `Typist ${i}`, true),
};
console.log('| flood (10,000 stanzas) | heap growth | what is kept |');
console.log('|---|---|---|');
for (const [name, step] of Object.entries(floods)) {
  const s = fresh();
  const before = heap();
  const t = performance.now();
  for (let i = 0; i < 10_000; i++) step(s, i);
  const took = performance.now() - t;
  const room = s.room(ROOM);
  const kept = {
    'system lines': room.timeline.messages.filter((m) => m.system).length,
    reactors: Object.keys(room.timeline.byStanzaId('t')?.reactions ?? {}).length,
    'waiting targets': room.waiting.size,
    'seen actions': room.seenActions.size,
    invitations: s.invitations.length,
    typing: room.typing.size,
  };
  const shown = Object.entries(kept)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`| ${name} | ${((heap() - before) / 1024).toFixed(0)} KB in ${ms(took)} | ${shown} |`);
}
if (!globalThis.gc) console.log('\n(run with node --expose-gc for heap figures after GC)');
