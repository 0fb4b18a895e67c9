import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StoreController } from '../../../src/controllers/store-controller.js';
import type { ChatSession } from '../../../src/session/chat-session.js';

// The frames are taken away (requestAnimationFrame captured) to stand for a main thread too busy
// to give one, and the page's visibility is set by hand.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(written: () => Promise<void> | undefined = () => undefined) {
  let updates = 0;
  let listener: (() => void) | undefined;
  const host: ReactiveControllerHost = {
    addController: (c: ReactiveController) => void c,
    removeController: () => undefined,
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
  };
  const session = {
    store: { subscribe: (_t: unknown, fn: () => void) => ((listener = fn), () => (listener = undefined)) },
    written,
  } as unknown as ChatSession;
  const controller = new StoreController(host, () => ({ session, topic: 'rooms' }));
  controller.refresh();
  const frames: FrameRequestCallback[] = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => frames.push(cb);
  return {
    updates: () => updates,
    change: () => listener!(),
    frame: () => frames.splice(0).forEach((cb) => cb(performance.now())),
    /** Frames asked for and not run yet. */
    asked: () => frames.length,
    restore: () => void (window.requestAnimationFrame = raf),
  };
}

describe('StoreController', () => {
  afterEach(() => delete (document as { visibilityState?: string }).visibilityState);

  it('renders a burst on a visible page in its frame only, however late the frame comes', async () => {
    const t = setup();
    try {
      const start = t.updates();
      t.change(); // after a quiet frame: at once (in this task's microtasks)
      await Promise.resolve();
      expect(t.updates()).to.equal(start + 1);
      t.change(); // within the frame: waits for the next one
      t.change();
      await sleep(350); // no frame for a while (a busy main thread): no render in a task meanwhile
      expect(t.updates()).to.equal(start + 1);
      t.frame();
      expect(t.updates()).to.equal(start + 2);
      await sleep(250);
      expect(t.updates()).to.equal(start + 2);
    } finally {
      t.restore();
    }
  });

  it('renders a hidden page, which gets no frames, after a short delay', async () => {
    const t = setup();
    try {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      const start = t.updates();
      t.change();
      await Promise.resolve();
      t.change();
      expect(t.updates()).to.equal(start + 1);
      await sleep(250);
      expect(t.updates()).to.equal(start + 2);
      t.change();
      await Promise.resolve();
      t.change(); // waits again: the frame asked for before is still to come, none is asked again
      expect(t.updates()).to.equal(start + 3);
      expect(t.asked(), 'frames asked').to.equal(1);
      await sleep(250);
      expect(t.updates()).to.equal(start + 4);
      t.frame(); // a frame that comes later renders nothing more
      expect(t.updates()).to.equal(start + 4);
    } finally {
      t.restore();
    }
  });

  it('renders once the stanzas the session queued are written, not before', async () => {
    let write: () => void = () => undefined;
    let queued = false;
    const t = setup(() => (queued ? new Promise<void>((resolve) => (write = () => ((queued = false), resolve()))) : undefined));
    try {
      const start = t.updates();
      queued = true;
      t.change(); // after a quiet frame, but a stanza is still to be written
      t.change();
      await sleep(30);
      expect(t.updates(), 'no render while the stanza waits').to.equal(start);
      write();
      await sleep(0);
      expect(t.updates(), 'one render once it is written').to.equal(start + 1);
      await sleep(20);
      t.change(); // nothing queued: at once
      await Promise.resolve();
      expect(t.updates()).to.equal(start + 2);
    } finally {
      t.restore();
    }
  });

  it('asks one frame and arms one timer for all the controllers waiting for it', async () => {
    const listeners: (() => void)[] = [];
    let updates = 0;
    const session = {
      store: { subscribe: (_t: unknown, fn: () => void) => (listeners.push(fn), () => undefined) },
      written: () => undefined,
    } as unknown as ChatSession;
    const host: ReactiveControllerHost = {
      addController: (c: ReactiveController) => void c,
      removeController: () => undefined,
      requestUpdate: () => void updates++,
      updateComplete: Promise.resolve(true),
    };
    for (let i = 0; i < 3; i++) new StoreController(host, () => ({ session, topic: 'rooms' })).refresh();
    const frames: FrameRequestCallback[] = [];
    const raf = window.requestAnimationFrame.bind(window);
    const timeout = window.setTimeout.bind(window);
    let timers = 0;
    window.requestAnimationFrame = (cb) => frames.push(cb);
    window.setTimeout = ((fn: () => void, ms?: number) => {
      if (ms === 100) timers++;
      return timeout(fn, ms);
    }) as typeof setTimeout;
    try {
      listeners.forEach((changed) => changed()); // after a quiet frame: each at once
      await Promise.resolve();
      const start = updates;
      listeners.forEach((changed) => changed()); // within the frame: all three wait for the next
      expect(frames.length, 'frames asked').to.equal(1);
      expect(timers, 'timers armed').to.equal(1);
      frames.splice(0).forEach((cb) => cb(performance.now()));
      expect(updates).to.equal(start + 3);
    } finally {
      window.requestAnimationFrame = raf;
      window.setTimeout = timeout;
    }
  });

  it('renders the others of a frame when one render throws, and reports the error', async () => {
    const listeners: (() => void)[] = [];
    const rendered: number[] = [];
    let throwing = false;
    const session = {
      store: { subscribe: (_t: unknown, fn: () => void) => (listeners.push(fn), () => undefined) },
      written: () => undefined,
    } as unknown as ChatSession;
    for (let i = 0; i < 3; i++) {
      const host: ReactiveControllerHost = {
        addController: (c: ReactiveController) => void c,
        removeController: () => undefined,
        requestUpdate: () => {
          if (i === 0 && throwing) throw new Error('render failed');
          rendered.push(i);
        },
        updateComplete: Promise.resolve(true),
      };
      new StoreController(host, () => ({ session, topic: 'rooms' })).refresh();
    }
    const frames: FrameRequestCallback[] = [];
    const raf = window.requestAnimationFrame.bind(window);
    const report = window.reportError.bind(window);
    const reported: unknown[] = [];
    window.requestAnimationFrame = (cb) => frames.push(cb);
    window.reportError = (e: unknown) => void reported.push(e);
    try {
      listeners.forEach((changed) => changed());
      await Promise.resolve();
      rendered.length = 0;
      throwing = true;
      listeners.forEach((changed) => changed());
      frames.splice(0).forEach((cb) => cb(performance.now()));
      expect(rendered).to.deep.equal([1, 2]);
      expect(reported.map((e) => (e as Error).message)).to.deep.equal(['render failed']);
    } finally {
      window.requestAnimationFrame = raf;
      window.reportError = report;
    }
  });
});
