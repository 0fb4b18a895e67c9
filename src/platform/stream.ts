/**
 * The stream classes StanzaJS extends, with only what it calls: its WebSocket transport (a
 * Duplex in object mode: push, push(null), write with a callback, end, destroy) and its XML
 * stream parser (a Transform: _transform and push). Replaces readable-stream (and its Buffer,
 * string decoder and process shims) in the shipped script (build/stanza-build.mjs).
 *
 * The order of events follows readable-stream: 'data' is emitted while push() runs, 'end'
 * (after push(null)) and 'finish' (after end()) on a later microtask, 'error' from a failed
 * write or a write after end() at once, 'error' from destroy(error) later, once.
 */
import { EventEmitter } from './events';

type Callback = (error?: Error | null) => void;

export class Duplex extends EventEmitter {
  destroyed = false;
  private readEnded = false;
  private writeEnded = false;
  private writing = false;
  private queue: [unknown, string | undefined, Callback | undefined][] = [];
  private unread: unknown[] = [];

  // Options (object mode, high-water marks) change nothing here: every chunk is an object.
  constructor(_options?: unknown) {
    super();
  }

  /** Data is pushed by the subclass as it arrives, never pulled. */
  _read(): void {}

  _write(_chunk: unknown, _encoding: string | undefined, done: Callback): void {
    done();
  }

  _destroy(error: Error | null, done: Callback): void {
    done(error);
  }

  /** Hands a chunk to the 'data' listeners (kept until one listens); null ends the readable side. */
  push(chunk: unknown): boolean {
    if (this.readEnded) return false;
    if (chunk === null) {
      this.readEnded = true;
      queueMicrotask(() => queueMicrotask(() => this.emit('end')));
      return false;
    }
    if (this.listenerCount('data') === 0) this.unread.push(chunk);
    else this.emit('data', chunk);
    return true;
  }

  override on(event: string | symbol, listener: (...args: never[]) => unknown): this {
    super.on(event, listener);
    if (event === 'data' && this.unread.length) queueMicrotask(() => this.unread.splice(0).forEach((chunk) => this.emit('data', chunk)));
    return this;
  }

  write(chunk: unknown, encoding?: string | Callback, callback?: Callback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback;
    const name = typeof encoding === 'string' ? encoding : undefined;
    if (this.writeEnded) {
      const error = new Error('write after end');
      this.emit('error', error);
      if (done) queueMicrotask(() => done(error));
      return false;
    }
    this.queue.push([chunk, name, done]);
    if (!this.writing) this.flushWrites();
    return true;
  }

  /** One write at a time, in order, even when a write's listeners write again. */
  private flushWrites(): void {
    this.writing = true;
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const [chunk, name, done] = next;
      let failure: Error | null | undefined;
      this._write(chunk, name, (error) => (failure = error));
      if (done) queueMicrotask(() => done(failure));
      if (failure) this.emit('error', failure);
    }
    this.writing = false;
  }

  end(callback?: Callback): this {
    if (!this.writeEnded) {
      this.writeEnded = true;
      queueMicrotask(() => this.emit('finish'));
    }
    if (callback) queueMicrotask(() => callback());
    return this;
  }

  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this._destroy(error ?? null, (failure) => {
      if (failure) queueMicrotask(() => this.emit('error', failure));
    });
    return this;
  }
}

/** A Duplex whose writes go through _transform, which pushes what it makes of them. */
export class Transform extends Duplex {
  _transform(chunk: unknown, _encoding: string | undefined, done: Callback): void {
    this.push(chunk);
    done();
  }

  override _write(chunk: unknown, encoding: string | undefined, done: Callback): void {
    this._transform(chunk, encoding, done);
  }

  /** Ending the writable side ends the readable side too. */
  override end(callback?: Callback): this {
    super.end(callback);
    this.push(null);
    return this;
  }
}

export { Duplex as Readable, Duplex as Writable, Transform as PassThrough };
