/**
 * Fuzz: thousands of generated and mutated stanzas through the real receive pipeline into a
 * ChatStore rendered by the real <ethora-room> and <ethora-room-list>. Asserts no uncaught
 * error anywhere, the state invariants (invariants.ts) after every batch, that every render
 * batch completes with one row per message, and (per round) the XSS audit of the rendered DOM.
 *
 * Replay a failure with the seed it prints:
 *   FUZZ_SEED=<seed> npx web-test-runner "test/fuzz/**\/*.test.ts" --config test/fuzz/web-test-runner.config.mjs --static-logging
 * (or add ?fuzz-seed=<seed> to the test page in a --manual run). FUZZ_STANZAS changes the count.
 */
import { WINDOW_MAX } from '../../src/elements/timeline-window.js';
import { expect } from '@open-wc/testing';
import { ChatSession } from '../../src/session/chat-session.js';
import { GenState, StanzaGen } from './gen-stanza.js';
import { checkStore } from './invariants.js';
import { Ledger } from './ledger.js';
import { loadFixtures, mutate } from './mutate.js';
import { StanzaFeed } from '../support/stanza-feed.js';
import { ME, MY_NICK, OTHER, ROOM } from './pools.js';
import { Rng, fuzzSettings } from './prng.js';
import { audit, sentinel } from '../support/audit.js';
import { mountRoom } from '../support/mount-room.js';

/** Fresh session, store and view per round, so one round's timeline stays a realistic size. */
const ROUNDS = 5;
/** Stanzas between invariant checks, and between renders. */
const CHECK_EVERY = 100;
const RENDER_EVERY = 400;
/** The one time-based assertion: generous, only to catch a hang or a quadratic blow-up. */
const OVERALL_LIMIT_MS = 120_000;

describe('fuzz: stanza pipeline to rendered room', function () {
  this.timeout(OVERALL_LIMIT_MS + 30_000);
  const uncaught: string[] = [];
  const onError = (e: ErrorEvent) => uncaught.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => uncaught.push(`unhandled rejection: ${String(e.reason)}`);
  const realNow = Date.now;

  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    Date.now = realNow;
  });

  it('survives generated and mutated stanzas with its invariants intact', async () => {
    const { seed, stanzas = 20_000 } = fuzzSettings();
    const replay = `FUZZ_SEED=${seed} npx web-test-runner "test/fuzz/**/*.test.ts" --config test/fuzz/web-test-runner.config.mjs`;
    console.log(`fuzz seed ${seed}, ${stanzas} stanzas (replay: ${replay})`);
    const fixtures = await loadFixtures();
    const rng = new Rng(seed);
    // A deterministic clock, so a replay makes the same store decisions (times, ordering).
    let clock = Date.UTC(2025, 0, 15, 12);
    Date.now = () => (clock += 7);
    const started = performance.now();
    const totals: Record<string, number> = {};
    let slowestRender = 0;
    let renderMs = 0;
    let current = '';
    const fail = (what: string[]) => {
      const at = `\nlast stanza: ${current.slice(0, 600)}`;
      expect.fail(`fuzz seed ${seed}: ${what.slice(0, 8).join('\n')}${at}\nreplay: ${replay}`);
    };

    for (let round = 0; round < ROUNDS; round++) {
      const session = new ChatSession();
      const store = session.store;
      store.me = ME;
      for (const room of [ROOM, OTHER]) {
        store.addRoom({ room }, room === ROOM ? 'attribute' : 'subscription', MY_NICK);
        store.changeRoom(room, (r) => ((r.join = 'joined'), (r.historyFetched = true), (r.timeline.complete = true)));
      }
      store.setActiveRoom(ROOM);
      const ledger = new Ledger();
      const pipeline = new StanzaFeed(store, ledger);
      const state = new GenState(Date.now());
      const gen = new StanzaGen(rng, state);
      const view = await mountRoom(session, ROOM);
      try {
        for (let i = 1; i <= Math.ceil(stanzas / ROUNDS); i++) {
          if (rng.chance(0.02)) {
            // We send something: a pending message that echoes and bounces may refer to.
            const id = `our-${round}-${i}`;
            const body = `mine ${i}`;
            if (store.addPending(rng.chance(0.9) ? ROOM : OTHER, id, { body })) {
              ledger.pending.set(id, body);
              state.ours.push(id);
            }
          }
          current = rng.chance(0.25) ? mutate(rng, rng.pick(fixtures)) : gen.next();
          try {
            pipeline.feed(current);
          } catch (err) {
            fail([`pipeline threw: ${(err as Error).stack ?? String(err)}`]);
          }
          if (i % CHECK_EVERY === 0) {
            // No await here: the store notifies in a microtask, so yielding would re-render every check.
            pipeline.flushPage();
            const violations = [...uncaught, ...checkStore(store, ledger, [ROOM, OTHER])];
            if (violations.length) fail(violations);
            // Harness: a join error or kick ends the room's "joined" state; re-join so presences keep mattering.
            store.changeRoom(ROOM, (r) => (r.join = 'joined'));
          }
          if (i % RENDER_EVERY === 0) {
            const t = performance.now();
            await view.settle().catch((err: Error) => fail([`render threw: ${err.stack ?? err}`]));
            slowestRender = Math.max(slowestRender, performance.now() - t);
            renderMs += performance.now() - t;
            const rows = view.room.shadowRoot!.querySelectorAll('li[data-key]').length;
            const size = store.room(ROOM)!.timeline.size;
            if (rows !== Math.min(size, WINDOW_MAX)) fail([`rendered ${rows} rows for ${size} messages (window of ${WINDOW_MAX})`]);
            if (uncaught.length) fail(uncaught);
          }
        }
        await view.settle();
        const injected = [...audit(view.host), ...(sentinel() !== undefined ? ['window.__xss was set'] : [])];
        if (injected.length) fail(injected);
      } finally {
        view.remove();
      }
      for (const [k, v] of Object.entries(pipeline.counts)) totals[k] = (totals[k] ?? 0) + v;
      totals.messagesKept = (totals.messagesKept ?? 0) + store.room(ROOM)!.timeline.size + store.room(OTHER)!.timeline.size;
    }
    Date.now = realNow;
    const elapsed = performance.now() - started;
    console.log(
      `fuzz seed ${seed}: ${Math.round(elapsed)} ms (rendering ${Math.round(renderMs)} ms, slowest batch ${Math.round(slowestRender)} ms)`,
      JSON.stringify(totals),
    );
    expect(uncaught, `seed ${seed}`).to.deep.equal([]);
    expect(totals.stanzas).to.be.at.least(stanzas);
    expect(elapsed, `seed ${seed}: overall time`).to.be.below(OVERALL_LIMIT_MS);
  });
});
