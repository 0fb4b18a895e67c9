import { expect } from '@open-wc/testing';
import { Drafts } from '../../../src/session/drafts.js';

const key = (account: string) => `ethora-chat:drafts:${account}`;
const R = 'lobby@conference.localhost';

describe('drafts', () => {
  const accounts = ['d1@localhost', 'd2@localhost'];
  afterEach(() => accounts.forEach((a) => localStorage.removeItem(key(a))));

  it('are kept per account and read back by a new page', () => {
    const d = new Drafts();
    d.open(accounts[0], true);
    d.set(R, { text: 'hello', mode: { kind: 'reply', key: 'k1', author: 'Bob', text: 'question' } });
    const again = new Drafts();
    again.open(accounts[0], true);
    expect(again.get(R)).to.deep.equal({ text: 'hello', mode: { kind: 'reply', key: 'k1', author: 'Bob', text: 'question' } });
    const other = new Drafts();
    other.open(accounts[1], true);
    expect(other.get(R)).to.equal(undefined);
    d.open(accounts[1], true);
    expect(d.get(R)).to.equal(undefined);
  });

  it('an empty draft clears the room; sign-out erases the account', () => {
    const d = new Drafts();
    d.open(accounts[0], true);
    d.set(R, { text: 'x' });
    d.set(R, { text: '   ' });
    expect(d.get(R)).to.equal(undefined);
    expect(localStorage.getItem(key(accounts[0]))).to.equal(null);
    d.set(R, { text: 'y' });
    d.signOut();
    expect(d.get(R)).to.equal(undefined);
    expect(localStorage.getItem(key(accounts[0]))).to.equal(null);
  });

  it('persist false: memory only, and what was stored is erased', () => {
    localStorage.setItem(key(accounts[0]), JSON.stringify({ [R]: { text: 'old' } }));
    const d = new Drafts();
    d.open(accounts[0], false);
    expect(localStorage.getItem(key(accounts[0]))).to.equal(null);
    d.set(R, { text: 'in memory' });
    expect(d.get(R)?.text).to.equal('in memory');
    expect(localStorage.getItem(key(accounts[0]))).to.equal(null);
  });

  it('ignores stored values of another shape (storage is shared with the page)', () => {
    localStorage.setItem(
      key(accounts[0]),
      JSON.stringify({ a: 5, b: { text: 3 }, c: { text: 'ok', mode: { kind: 'evil', key: 'k', text: 't' } }, d: { text: 'x'.repeat(20000) } }),
    );
    const d = new Drafts();
    d.open(accounts[0], true);
    expect(d.get('a')).to.equal(undefined);
    expect(d.get('b')).to.equal(undefined);
    expect(d.get('c')).to.deep.equal({ text: 'ok' });
    expect(d.get('d')!.text).to.have.length(12000);
    localStorage.setItem(key(accounts[1]), '{not json');
    const broken = new Drafts();
    broken.open(accounts[1], true);
    expect(broken.get(R)).to.equal(undefined);
  });
});
