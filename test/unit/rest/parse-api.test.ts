import { expect } from '@open-wc/testing';
import { parseFiles, parseRooms, parseSignIn, parseTokens, walletToUsername } from '../../../src/rest/parse-api.js';

const HOSTILE: unknown[] = [
  null,
  undefined,
  0,
  'text',
  [],
  [{}],
  true,
  { user: null },
  { items: 'x' },
  { results: {} },
  JSON.parse('{"__proto__":{"token":"x"}}'),
];

describe('Ethora REST answers', () => {
  it('never throw and give undefined for answers without the documented shape', () => {
    for (const body of HOSTILE) {
      expect(parseTokens(body), JSON.stringify(body)).to.equal(undefined);
      expect(parseSignIn(body), JSON.stringify(body)).to.equal(undefined);
      expect(parseRooms(body), JSON.stringify(body)).to.equal(undefined);
      expect(parseFiles(body), JSON.stringify(body)).to.equal(undefined);
    }
  });

  it('reads the XMPP account only from a usable user name and a password', () => {
    const ok = { user: { xmppUsername: 'App_U1', xmppPassword: 'p' }, token: 'JWT t' };
    expect(parseSignIn(ok)).to.deep.equal({ xmppUsername: 'app_u1', xmppPassword: 'p', tokens: { token: 'JWT t' } });
    for (const bad of ['a@b', 'a/b', 'a b', '<x>', '']) {
      expect(parseSignIn({ ...ok, user: { ...ok.user, xmppUsername: bad } }), bad).to.equal(undefined);
    }
    expect(parseSignIn({ ...ok, user: { xmppUsername: 'a', xmppPassword: 5 } })).to.equal(undefined);
    expect(walletToUsername('0x6816810a7Fe0')).to.equal('0x6816810a7_fe0');
  });

  it('keeps only http(s) file addresses and plausible metadata', () => {
    expect(parseFiles({ results: [{ location: 'data:text/html,<script>', originalname: 'a' }] })).to.equal(undefined);
    expect(parseFiles({ results: [{ location: 'https://f.example/a', locationPreview: 'javascript:x', mimetype: 'text/html;<b>', size: -1 }] })).to.deep.equal({
      location: 'https://f.example/a',
    });
  });
});
