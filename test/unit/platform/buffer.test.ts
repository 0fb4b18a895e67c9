import { expect } from '@open-wc/testing';
import { Buffer } from '../../../src/platform/buffer.js';

describe('Buffer subset of ours (src/platform/buffer.ts)', () => {
  it('round-trips UTF-8, base64 and hex', () => {
    const text = 'héllo 💩 ,=';
    expect(Buffer.from(text).toString()).to.equal(text);
    expect(Buffer.from(text, 'utf8').toString('base64')).to.equal(btoa(unescape(encodeURIComponent(text))));
    expect(Buffer.from('aGk=', 'base64').toString()).to.equal('hi');
    expect(Buffer.from('00000001', 'hex')).to.deep.equal(new Buffer([0, 0, 0, 1]));
    expect(Buffer.from([0, 15, 255]).toString('hex')).to.equal('000fff');
    expect(Buffer.from('é')).to.have.length(2);
  });

  it('decodes hostile base64 and hex as Node does, without throwing', () => {
    expect(Buffer.from(' aG\nk= ', 'base64').toString()).to.equal('hi');
    expect(Buffer.from('aGk', 'base64').toString()).to.equal('hi');
    expect(Buffer.from('a', 'base64').length).to.equal(0);
    expect(Buffer.from('!!!%%%', 'base64').length).to.equal(0);
    expect(Buffer.from('-_8', 'base64')).to.deep.equal(Buffer.from('+/8', 'base64'));
    expect(Buffer.from('0aZZ11', 'hex')).to.deep.equal(new Buffer([10]));
    expect(Buffer.from('abc', 'hex')).to.deep.equal(new Buffer([0xab]));
  });

  it('concatenates, compares and revives a JSON Buffer', () => {
    const a = Buffer.from('ab');
    const joined = Buffer.concat([a, Buffer.from('c')]);
    expect(joined.toString()).to.equal('abc');
    expect(Buffer.concat([a], 4)).to.deep.equal(new Buffer([97, 98, 0, 0]));
    expect(Buffer.concat([joined], 2).toString()).to.equal('ab');
    expect(Buffer.compare(a, joined)).to.equal(-1);
    expect(joined.compare(a)).to.equal(1);
    expect(Buffer.compare(Buffer.from('b'), a)).to.equal(1);
    expect(a.equals(Buffer.from('ab'))).to.equal(true);
    expect(Buffer.from(JSON.parse(JSON.stringify(a)) as { data: number[] })).to.deep.equal(a);
    expect(Buffer.from(new Uint8Array([1, 2]).buffer)).to.deep.equal(new Buffer([1, 2]));
  });

  it('encodes a large buffer to base64 (no argument-count limit)', () => {
    const big = new Buffer(200_000).fill(65);
    expect(Buffer.from(big.toString('base64'), 'base64').length).to.equal(200_000);
  });
});
