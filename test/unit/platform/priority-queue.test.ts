import { expect } from '@open-wc/testing';
import { priorityQueue } from '../../../src/platform/priority-queue.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

// StanzaJS's Client sends and handles stanzas through these queues (build/stanza-build.mjs).
describe('StanzaJS task queue (src/platform/priority-queue.ts)', () => {
  it('runs the lowest priority number first, in arrival order within a priority', async () => {
    const ran: string[] = [];
    const queue = priorityQueue<string>((task, done) => {
      ran.push(task);
      done();
    });
    queue.pause();
    for (const [task, priority] of [
      ['new 1', 1],
      ['replay 1', 0],
      ['new 2', 1],
      ['replay 2', 0],
      ['new 3', 1],
    ] as const)
      queue.push(task, priority);
    await tick();
    expect(ran).to.deep.equal([]);
    queue.resume();
    await queue.drain();
    expect(ran).to.deep.equal(['replay 1', 'replay 2', 'new 1', 'new 2', 'new 3']);
  });

  it('runs one task at a time, each to the end of its promise, then calls its callback', async () => {
    const events: string[] = [];
    let running = 0;
    const queue = priorityQueue<number>(async (task) => {
      running++;
      expect(running).to.equal(1);
      events.push(`start ${task}`);
      await tick();
      events.push(`end ${task}`);
      running--;
    });
    for (const task of [1, 2]) queue.push(task, 1, (err) => events.push(`callback ${task} ${err ?? 'ok'}`));
    expect(queue.idle()).to.equal(false);
    await queue.drain();
    expect(queue.idle()).to.equal(true);
    expect(events).to.deep.equal(['start 1', 'end 1', 'callback 1 ok', 'start 2', 'end 2', 'callback 2 ok']);
  });

  it('reports a worker that throws to the callback and goes on with the next task', async () => {
    const results: (string | undefined)[] = [];
    const queue = priorityQueue<string>((task, done) => {
      if (task === 'bad') throw new Error('broken');
      done();
    });
    queue.push('bad', 1, (err) => results.push(err?.message));
    queue.push('good', 1, (err) => results.push(err?.message ?? 'ok'));
    await queue.drain();
    expect(results).to.deep.equal(['broken', 'ok']);
  });

  it('settles a task whose promise rejects, and drains at once when idle', async () => {
    const queue = priorityQueue<string>(() => Promise.reject(new Error('no transport')));
    await queue.drain();
    let called = false;
    queue.push('a', 1, () => (called = true));
    await queue.drain();
    expect(called).to.equal(true);
  });

  it('says when what is queued is done, or the queue paused: nothing to wait for when idle', async () => {
    const finish: (() => void)[] = [];
    const queue = priorityQueue<string>((_task, done) => void finish.push(done));
    expect(queue.settled(), 'idle').to.equal(undefined);
    queue.push('a', 1);
    queue.push('b', 1);
    let settled = false;
    void queue.settled()!.then(() => (settled = true));
    await tick();
    finish.shift()!();
    await tick();
    expect(settled, 'one task still to run').to.equal(false);
    finish.shift()!();
    await tick();
    expect(settled, 'both done').to.equal(true);
    queue.push('c', 1);
    let paused = false;
    void queue.settled()!.then(() => (paused = true));
    queue.pause();
    await tick();
    expect(paused, 'paused (a lost link): nothing more is written for now').to.equal(true);
    expect(queue.settled(), 'paused').to.equal(undefined);
  });
});
