import { expect } from '@open-wc/testing';
import { createHash, createHmac } from '../../../src/platform/hashes.js';
import { Buffer } from '../../../src/platform/buffer.js';

/** The browser's own digest, to compare with on random inputs. */
async function webDigest(name: 'SHA-1' | 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<string> {
  return Buffer.from(await crypto.subtle.digest(name, data)).toString('hex');
}

async function webHmac(name: 'SHA-1' | 'SHA-256', key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<string> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: name }, false, ['sign']);
  return Buffer.from(await crypto.subtle.sign('HMAC', k, data)).toString('hex');
}

describe('SHA-1, SHA-256 and HMAC of ours (src/platform/hashes.ts)', () => {
  it('gives the FIPS 180 and RFC 2202/4231 results', () => {
    expect(createHash('sha-1').update('abc').digest('hex')).to.equal('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(createHash('sha256').update('').digest('hex')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(createHash('SHA-256').update('ab').update('c').digest('base64')).to.equal('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
    expect(createHmac('sha-1', Buffer.from('Jefe')).update('what do ya want for nothing?').digest('hex')).to.equal('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
    expect(createHmac('sha-256', 'Jefe').update('what do ya want for nothing?').digest('hex')).to.equal(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('agrees with Web Crypto on every length around the block edges and with long keys', async () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = crypto.getRandomValues(new Uint8Array(length));
      const key = crypto.getRandomValues(new Uint8Array(length % 3 === 0 ? 100 : 20));
      for (const name of ['SHA-1', 'SHA-256'] as const) {
        expect(createHash(name).update(data).digest('hex'), `${name} ${length}`).to.equal(await webDigest(name, data));
        expect(createHmac(name, key).update(data).digest('hex'), `HMAC ${name} ${length}`).to.equal(await webHmac(name, key, data));
      }
    }
  });

  it('offers only what it has: MD5 and SHA-512 are refused', () => {
    expect(() => createHash('md5')).to.throw(/Unsupported/);
    expect(() => createHmac('sha-512', 'k')).to.throw(/Unsupported/);
  });
});
