/**
 * The EventEmitter StanzaJS and its stream classes extend (the `events` package's API, the part
 * the code the script loads calls: on, once, off, removeListener, removeAllListeners, emit,
 * listenerCount, setMaxListeners): listeners called in order on a copy of the list, `once`
 * listeners removable by the function given, an 'error' event without a listener thrown. Replaces the package in the
 * shipped script (build/stanza-build.mjs).
 */
// Listeners take whatever their event carries (StanzaJS's typed emitter narrows it for its users).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;
/** A `once` wrapper remembers the listener it wraps, so removeListener(listener) finds it. */
type Stored = Listener & { listener?: Listener };

export class EventEmitter {
  private listenersByEvent = new Map<string | symbol, Stored[]>();

  on(event: string | symbol, listener: Listener): this {
    return this.add(event, listener);
  }

  once(event: string | symbol, listener: Listener): this {
    return this.add(event, this.onceWrapper(event, listener));
  }

  off(event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  /** Removes the last-added matching listener (as Node does). */
  removeListener(event: string | symbol, listener: Listener): this {
    const list = this.listenersByEvent.get(event);
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        break;
      }
    }
    if (list.length === 0) this.listenersByEvent.delete(event);
    return this;
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.listenersByEvent.clear();
    else this.listenersByEvent.delete(event);
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.listenersByEvent.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listenerCount(event: string | symbol): number {
    return this.listenersByEvent.get(event)?.length ?? 0;
  }

  /** No limit is enforced (Node only warns). */
  setMaxListeners(_count: number): this {
    return this;
  }

  private add(event: string | symbol, listener: Stored): this {
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const list = this.listenersByEvent.get(event) ?? [];
    list.push(listener);
    this.listenersByEvent.set(event, list);
    return this;
  }

  private onceWrapper(event: string | symbol, listener: Listener): Stored {
    const wrapper: Stored = (...args: unknown[]) => {
      this.removeListener(event, wrapper);
      return listener.apply(this, args);
    };
    wrapper.listener = listener;
    return wrapper;
  }
}

export default EventEmitter;
