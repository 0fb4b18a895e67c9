import { expect } from '@open-wc/testing';
import type { Agent } from 'stanza';
import { keepAliveOptions, watchLink } from '../../../src/protocol/keepalive.js';
import { sleep } from '../../support/wait.js';

type Handler = (...args: never[]) => void;

/** The few parts of a StanzaJS client the keepalive uses, recording what it does. */
class FakeClient {
  private handlers = new Map<string, Set<Handler>>();
  on(event: string, fn: Handler): void {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(fn);
  }
  off(event: string, fn: Handler): void {
    this.handlers.get(event)?.delete(fn);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const fn of this.handlers.get(event) ?? []) (fn as (...a: unknown[]) => void)(...args);
  }
  requests = 0;
  dropped = 0;
  errors: string[] = [];
  sm = { started: true, request: () => this.requests++ };
  transport?: { hasStream: boolean; disconnect: (clean: boolean) => void } = {
    hasStream: true,
    disconnect: () => {
      this.dropped++;
      this.transport = undefined;
      this.emit('disconnected');
    },
  };
  constructor() {
    this.on('stream:error', (e: { condition: string }) => this.errors.push(e.condition));
  }
  connect(): void {
    this.transport = { hasStream: false, disconnect: () => (this.dropped++, (this.transport = undefined)) };
  }
  ping(): Promise<void> {
    return new Promise(() => undefined);
  }
  disableKeepAlive(): void {}
}

const FAST = { interval: 0.05, timeout: 0.05, connectTimeout: 0.1 };

describe('keepalive', () => {
  it('fills in defaults for missing or bad values', () => {
    expect(keepAliveOptions({ interval: 1, timeout: -1, connectTimeout: NaN })).to.deep.equal({ interval: 1, timeout: 5, connectTimeout: 20 });
  });

  it('asks the server after `interval` without an answer, and drops the link when none comes in `timeout`', async () => {
    const c = new FakeClient();
    const stop = watchLink(c as unknown as Agent, FAST);
    c.emit('session:started');
    await sleep(70);
    expect(c.requests, 'a request after the interval').to.equal(1);
    expect(c.dropped).to.equal(0);
    await sleep(60);
    expect(c.dropped, 'dropped after the timeout').to.equal(1);
    expect(c.errors).to.deep.equal(['connection-timeout']);
    stop();
  });

  it('answers keep the link up: no drop while acks come back', async () => {
    const c = new FakeClient();
    c.sm.request = () => (setTimeout(() => c.emit('stream:management:ack'), 10), c.requests++);
    const stop = watchLink(c as unknown as Agent, FAST);
    c.emit('session:started');
    // Three probes answered in turn (about 170 ms; late timers on a busy machine make it longer).
    for (let t = 0; c.requests < 3 && t < 100; t++) await sleep(20);
    expect(c.requests).to.be.greaterThan(2);
    expect(c.dropped).to.equal(0);
    stop();
  });

  it('never probes a reconnect attempt that is still negotiating (that would kill the resume)', async () => {
    const c = new FakeClient();
    const stop = watchLink(c as unknown as Agent, { ...FAST, connectTimeout: 10 });
    c.emit('session:started');
    c.emit('disconnected');
    c.connect();
    await sleep(200);
    expect(c.requests).to.equal(0);
    expect(c.dropped).to.equal(0);
    stop();
  });

  it('abandons a connect attempt that has no session after `connectTimeout`', async () => {
    const c = new FakeClient();
    const stop = watchLink(c as unknown as Agent, { interval: 10, timeout: 10, connectTimeout: 0.1 });
    (c as unknown as Agent).connect();
    await sleep(150);
    expect(c.dropped).to.equal(1);
    expect(c.errors).to.deep.equal(['connection-timeout']);
    // A session in time disarms it.
    (c as unknown as Agent).connect();
    c.emit('stream:management:resumed');
    await sleep(150);
    expect(c.dropped).to.equal(1);
    stop();
  });
});
