import { expect } from '@open-wc/testing';
import { Duplex, Transform } from '../../../src/platform/stream.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

class Upper extends Transform {
  override _transform(chunk: unknown, _encoding: string | undefined, done: (error?: Error | null) => void): void {
    this.push(String(chunk).toUpperCase());
    done();
  }
}

describe('Stream classes of ours (src/platform/stream.ts)', () => {
  it('Transform: data while write runs, in order, then end after end()', async () => {
    const t = new Upper();
    const seen: string[] = [];
    t.on('data', (chunk: string) => seen.push(chunk));
    t.on('end', () => seen.push('end'));
    t.write('a');
    t.write('b');
    expect(seen).to.deep.equal(['A', 'B']);
    t.end();
    expect(seen).to.deep.equal(['A', 'B']);
    await tick();
    expect(seen).to.deep.equal(['A', 'B', 'end']);
  });

  it('keeps chunks pushed before anyone listens, and ignores pushes after the end', async () => {
    const d = new Duplex({ objectMode: true });
    d.push({ n: 1 });
    const seen: unknown[] = [];
    d.on('data', (chunk: unknown) => seen.push(chunk));
    await tick();
    d.push(null);
    expect(d.push({ n: 2 })).to.equal(false);
    await tick();
    expect(seen).to.deep.equal([{ n: 1 }]);
  });

  it('Duplex: a failed write errors at once and calls back later; a write after end errors', async () => {
    const written: unknown[] = [];
    class Sink extends Duplex {
      override _write(chunk: unknown, _encoding: string | undefined, done: (error?: Error | null) => void): void {
        if (chunk === 'bad') return done(new Error('Socket closed'));
        written.push(chunk);
        done();
      }
    }
    const d = new Sink();
    const events: string[] = [];
    d.on('error', (e: Error) => events.push(`error:${e.message}`));
    d.write('ok', 'utf8', (e) => events.push(`cb:${e ?? 'none'}`));
    d.write('bad', (e) => events.push(`cb:${e?.message}`));
    expect(events).to.deep.equal(['error:Socket closed']);
    await tick();
    expect(events).to.deep.equal(['error:Socket closed', 'cb:none', 'cb:Socket closed']);
    d.on('finish', () => events.push('finish'));
    d.end();
    d.write('late', (e) => events.push(`cb:${e?.message}`));
    await tick();
    expect(events.slice(3)).to.deep.equal(['error:write after end', 'finish', 'cb:write after end']);
    expect(written).to.deep.equal(['ok']);
  });

  it('writes one at a time, in order, when a listener writes during a write', () => {
    const order: string[] = [];
    class Echo extends Duplex {
      override _write(chunk: unknown, _encoding: string | undefined, done: () => void): void {
        order.push(`start:${String(chunk)}`);
        if (chunk === 'first') this.write('second');
        order.push(`end:${String(chunk)}`);
        done();
      }
    }
    new Echo().write('first');
    expect(order).to.deep.equal(['start:first', 'end:first', 'start:second', 'end:second']);
  });

  it('destroy(error): destroyed at once, error later and once', async () => {
    const t = new Upper();
    const errors: string[] = [];
    t.on('error', (e: Error) => errors.push(e.message));
    t.destroy(new Error('not well formed'));
    t.destroy(new Error('again'));
    expect(t.destroyed).to.equal(true);
    expect(errors).to.deep.equal([]);
    await tick();
    expect(errors).to.deep.equal(['not well formed']);
  });
});
