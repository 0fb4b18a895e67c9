/**
 * StanzaJS's task queue (lib/AsyncPriorityQueue.js) as its Client uses it: one task at a time,
 * the lowest priority number first, first in first out within a priority (a replayed stanza, 0,
 * goes before new ones, 1), paused while stream management resends. Replaces its binary heap
 * and the methods nothing calls in the shipped script (build/stanza-build.mjs): a queue holds a
 * few stanzas, and a burst arrives with one priority, so a new task is placed from the end.
 */
type Worker<T> = (task: T, done: () => void) => unknown;
type Callback = (err?: Error) => void;

interface Entry<T> {
  task: T;
  priority: number;
  callback?: Callback;
}

export interface PriorityQueue<T> {
  push(task: T, priority: number, callback?: Callback): void;
  pause(): void;
  resume(): void;
  /** Nothing queued and nothing running. */
  idle(): boolean;
  /** Resolves once the queue is idle. */
  drain(): Promise<void>;
  /** Resolves once the queue is idle or paused; undefined when it is already. */
  settled(): Promise<void> | undefined;
}

export function priorityQueue<T>(worker: Worker<T>): PriorityQueue<T> {
  const queue: Entry<T>[] = [];
  let paused = false;
  let running = false;
  const drained: (() => void)[] = [];
  const settling: (() => void)[] = [];
  const settle = () => settling.splice(0).forEach((resolve) => resolve());
  const idle = () => !queue.length && !running;
  const next = async (): Promise<void> => {
    if (paused || running || !queue.length) return;
    const entry = queue.shift()!;
    running = true;
    try {
      // The worker calls done(), or returns a promise (settled either way): the task is over.
      await new Promise<void>((resolve) => {
        const result = worker(entry.task, resolve);
        if (result instanceof Promise)
          result.then(
            () => resolve(),
            () => resolve(),
          );
      });
      entry.callback?.();
    } catch (err) {
      entry.callback?.(err instanceof Error ? err : new Error(String(err)));
    } finally {
      running = false;
      if (idle()) {
        for (const resolve of drained.splice(0)) resolve();
        settle();
      }
      void next();
    }
  };
  return {
    push(task, priority, callback) {
      let at = queue.length;
      while (at > 0 && queue[at - 1].priority > priority) at--;
      queue.splice(at, 0, { task, priority, callback });
      queueMicrotask(() => void next());
    },
    pause() {
      paused = true;
      settle();
    },
    resume() {
      paused = false;
      void next();
    },
    idle,
    drain() {
      return idle() ? Promise.resolve() : new Promise((resolve) => drained.push(resolve));
    },
    settled() {
      return idle() || paused ? undefined : new Promise((resolve) => settling.push(resolve));
    },
  };
}
