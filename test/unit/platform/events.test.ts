import { expect } from '@open-wc/testing';
import { EventEmitter } from '../../../src/platform/events.js';

describe('EventEmitter of ours (src/platform/events.ts)', () => {
  it('calls listeners in order with the arguments and the emitter as this', () => {
    const e = new EventEmitter();
    const calls: string[] = [];
    e.on('x', function (this: unknown, a: string, b: number) {
      calls.push(`1:${a}${b}:${this === e}`);
    });
    e.on('x', (a: string) => calls.push(`2:${a}`));
    expect(e.emit('x', 'a', 1)).to.equal(true);
    expect(e.emit('nothing')).to.equal(false);
    expect(calls).to.deep.equal(['1:a1:true', '2:a']);
    expect(e.listenerCount('x')).to.equal(2);
  });

  it('once: called once, removable by the function given', () => {
    const e = new EventEmitter();
    let n = 0;
    const f = () => n++;
    e.once('x', f);
    e.emit('x');
    e.emit('x');
    expect(n).to.equal(1);
    e.once('y', f);
    expect(e.listenerCount('y')).to.equal(1);
    e.removeListener('y', f);
    e.emit('y');
    expect(n).to.equal(1);
    expect(e.listenerCount('y')).to.equal(0);
  });

  it('a listener removed during an emit still runs in that emit; one added does not', () => {
    const e = new EventEmitter();
    const calls: string[] = [];
    const b = () => calls.push('b');
    e.on('x', () => {
      calls.push('a');
      e.off('x', b);
      e.on('x', () => calls.push('c'));
    });
    e.on('x', b);
    e.emit('x');
    expect(calls).to.deep.equal(['a', 'b']);
  });

  it('removes one registration at a time, the last one first, and all of an event', () => {
    const e = new EventEmitter();
    let n = 0;
    const f = () => n++;
    e.on('x', f).on('x', f);
    e.removeListener('x', f);
    e.emit('x');
    expect(n).to.equal(1);
    e.on('y', f);
    e.removeAllListeners('x');
    expect(e.listenerCount('x')).to.equal(0);
    expect(e.listenerCount('y')).to.equal(1);
    e.removeAllListeners();
    expect(e.listenerCount('y')).to.equal(0);
  });

  it('throws an error event nobody listens to, and refuses a listener that is not a function', () => {
    const e = new EventEmitter();
    const boom = new Error('boom');
    expect(() => e.emit('error', boom)).to.throw(boom);
    expect(() => e.emit('error', 'text')).to.throw(/text/);
    let got: unknown;
    e.on('error', (err) => (got = err));
    e.emit('error', boom);
    expect(got).to.equal(boom);
    expect(() => e.on('x', 5 as unknown as () => void)).to.throw(TypeError);
  });

  it('is what StanzaJS extends in the tests’ bundle (the shipped replacement)', async () => {
    const { Client } = await import('stanza');
    const client = new Client();
    // Ours keeps its listeners in a Map (the package's in `_events`).
    expect(client).to.have.property('listenersByEvent').that.is.instanceOf(Map);
    expect(client).not.to.have.property('_events');
  });
});
