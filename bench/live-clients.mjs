// Main-thread side of live-worker.mjs: requests, and events (floor receipts, room presences).
import { Worker } from 'node:worker_threads';
import { USERS } from './config.mjs';

export class LiveClients {
  constructor() {
    this.worker = new Worker(new URL('./live-worker.mjs', import.meta.url), { workerData: { sender: USERS.senderA, floor: USERS.floor } });
    this.pending = new Map();
    this.nextId = 0;
    this.listeners = new Set();
    this.worker.on('message', (m) => {
      if (m.type === 'reply') {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error) p?.reject(new Error(m.error));
        else p?.resolve(m.value);
      } else for (const fn of this.listeners) fn(m);
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  call(op, args, timeoutMs = 30_000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`live clients: ${op} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.worker.postMessage({ id, op, args });
    });
  }

  /** fn(event) for { type: 'recv', tag, t, from } and { type: 'presence', from }; returns an unsubscribe. */
  on(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async close() {
    await this.call('close', {}, 5000).catch(() => {});
    await this.worker.terminate();
  }
}
