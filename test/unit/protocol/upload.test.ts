import { expect } from '@open-wc/testing';
import type { Agent } from 'stanza';
import { XmppError } from '../../../src/protocol/errors.js';
import { findUploadService, formatSize, requestSlot } from '../../../src/protocol/upload.js';
import { parse } from './fixtures.js';

const MB = 1024 * 1024;
const file = { name: 'cat.png', size: 2048, mediaType: 'image/png' };

function fake(parts: Partial<Record<'getUploadService' | 'getUploadSlot', (...args: unknown[]) => Promise<unknown>>>): Agent {
  return { ...parts, removeAllListeners: () => undefined } as unknown as Agent;
}

const errorOf = <T>(p: Promise<T>) =>
  p.then(
    () => undefined,
    (e: XmppError) => e,
  );

describe('XEP-0363 upload slots', () => {
  it('finds the service with its max size', async () => {
    const client = fake({ getUploadService: async () => ({ jid: 'upload.localhost', maxSize: 10 * MB }) });
    expect(await findUploadService(client)).to.deep.equal({ jid: 'upload.localhost', maxSize: 10 * MB });
  });

  it('says in words when the server has no upload service', async () => {
    const client = fake({
      getUploadService: async () => {
        throw new Error('No upload service discovered on: localhost');
      },
    });
    const e = await errorOf(findUploadService(client));
    expect(e).to.be.instanceOf(XmppError);
    expect(e).to.include({ condition: 'feature-not-implemented', message: 'File sharing is not available on this server' });
  });

  it('returns put/get URLs and headers of a granted slot', async () => {
    const asked: unknown[] = [];
    const client = fake({
      getUploadSlot: async (...args) => {
        asked.push(args);
        return {
          type: 'slot',
          upload: { url: 'https://up.x/put/1', headers: [{ name: 'Authorization', value: 'Basic x' }, { name: 7 }] },
          download: 'https://up.x/get/1',
        };
      },
    });
    const slot = await requestSlot(client, { jid: 'upload.localhost', maxSize: 10 * MB }, file);
    expect(slot).to.deep.equal({ putUrl: 'https://up.x/put/1', getUrl: 'https://up.x/get/1', headers: { Authorization: 'Basic x' }, maxSize: 10 * MB });
    expect(asked).to.deep.equal([['upload.localhost', { name: 'cat.png', size: 2048, mediaType: 'image/png' }]]);
  });

  it('refuses an over-limit file before asking the server, in words', async () => {
    let asked = false;
    const client = fake({ getUploadSlot: async () => ((asked = true), {}) });
    const e = await errorOf(requestSlot(client, { jid: 'u', maxSize: 10 * MB }, { ...file, size: 11 * MB }));
    expect(e).to.include({ condition: 'file-too-large', message: 'This file is too large: the server accepts files up to 10 MB' });
    expect(asked).to.equal(false);
    expect((await errorOf(requestSlot(client, { jid: 'u' }, { ...file, size: 0 })))?.message).to.equal('That file is empty');
  });

  it("uses the server's own file-too-large verdict (XEP-0363 error payload)", async () => {
    const iq = parse(
      `<iq xmlns="jabber:client" type="error" id="u1"><error type="modify"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><file-too-large xmlns="urn:xmpp:http:upload:0"><max-file-size>5242880</max-file-size></file-too-large></error></iq>`,
    );
    const client = fake({
      getUploadSlot: async () => {
        throw iq;
      },
    });
    const e = await errorOf(requestSlot(client, { jid: 'u' }, { ...file, size: 6 * MB }));
    expect(e).to.include({ condition: 'file-too-large', message: 'This file is too large: the server accepts files up to 5 MB' });
  });

  it('rejects a slot with unusable addresses', async () => {
    const client = fake({ getUploadSlot: async () => ({ type: 'slot', upload: { url: 'javascript:alert(1)' }, download: 'https://x/y' }) });
    expect((await errorOf(requestSlot(client, { jid: 'u' }, file)))?.condition).to.equal('bad-request');
  });

  it('formats sizes for people', () => {
    expect(formatSize(10 * MB)).to.equal('10 MB');
    expect(formatSize(1.5 * MB)).to.equal('1.5 MB');
    expect(formatSize(500 * 1024)).to.equal('500 KB');
    expect(formatSize(12)).to.equal('12 bytes');
  });
});
