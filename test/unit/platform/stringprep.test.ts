import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';
import { nameprep, nodeprep, resourceprep, saslprep } from '../../../src/platform/stringprep.js';

// The expected values are StanzaJS's own table-driven results (lib/stringprep, which the
// shipped script replaces with src/platform/stringprep.ts) and RFC 4013's examples.
describe('stringprep without tables (src/platform/stringprep.ts)', () => {
  it('folds case, NFKC-normalises and drops what maps to nothing, like the tables', () => {
    expect(nodeprep('Alice')).to.equal('alice');
    expect(nodeprep('STRAßE')).to.equal('strasse');
    expect(nodeprep('ΣΑΣ')).to.equal('σασ');
    expect(nodeprep('ﬁ')).to.equal('fi');
    expect(nodeprep('a\u00ADb')).to.equal('ab');
    expect(nodeprep('a\u200Db')).to.equal('ab');
    expect(nodeprep('cafe\u0301')).to.equal('café');
    expect(nodeprep('İstanbul')).to.equal('i̇stanbul');
    expect(nameprep('ExAmple.COM')).to.equal('example.com');
    expect(resourceprep('Home Laptop')).to.equal('Home Laptop');
    expect(resourceprep('Ⅸ')).to.equal('IX');
  });

  it('rejects what a JID may not contain', () => {
    for (const bad of [
      'a b',
      'a@b',
      'a/b',
      'a:b',
      'a<b',
      "a'b",
      'a"b',
      'a&b',
      'a\u0007',
      '\uE000',
      'a\u200Eb',
      '\u2FF0',
      '\uFDD0',
      'a\u206Ab',
      '\u{E0041}',
      '\uD800',
    ]) {
      expect(() => nodeprep(bad), JSON.stringify(bad)).to.throw();
    }
    for (const bad of ['a\u0000', '\uFFFD', 'a\u202Eb']) expect(() => resourceprep(bad), JSON.stringify(bad)).to.throw();
    expect(() => nameprep('exa\u0007mple')).to.throw();
  });

  it('applies the bidirectional rule: no mixed directions, right-to-left text starts and ends so', () => {
    expect(nodeprep('\u05D0\u05D1')).to.equal('\u05D0\u05D1');
    expect(nodeprep('\u0627\u0661\u0627')).to.equal('\u0627\u0661\u0627');
    expect(() => nodeprep('\u05D0a\u05D0')).to.throw(/both/);
    expect(() => nodeprep('\u05D01')).to.throw(/start and end/);
    expect(() => nodeprep('x\u0660y')).not.to.throw();
  });

  it('SASLprep: RFC 4013 section 3 examples, case kept, spaces mapped', () => {
    expect(saslprep('I\u00ADX')).to.equal('IX');
    expect(saslprep('user')).to.equal('user');
    expect(saslprep('USER')).to.equal('USER');
    expect(saslprep('\u00AA')).to.equal('a');
    expect(saslprep('\u2168')).to.equal('IX');
    expect(saslprep('a\u00A0b')).to.equal('a b');
    expect(() => saslprep('\u0007')).to.throw();
    expect(() => saslprep('\u0627\u0031')).to.throw();
    expect(() => saslprep('\u{E0FFF}')).to.throw(/Prohibited/);
  });

  it('is what the StanzaJS the tests load uses for JIDs (the shipped replacement)', () => {
    expect(Stanza.JID.parse('Alice@Example.COM/Home').full).to.equal('alice@example.com/Home');
    expect(Stanza.JID.parse('ΣΑΣ@xn--bcher-kva.example').bare).to.equal('σασ@bücher.example');
  });

  it('treats printable ASCII on its short path as the Unicode path does', () => {
    // A non-ASCII letter after the character sends the same text down the Unicode path.
    for (const prep of [nameprep, nodeprep, resourceprep, saslprep]) {
      for (let c = 0x20; c <= 0x7e; c++) {
        const ch = String.fromCharCode(c);
        const unicode = (() => {
          try {
            return prep(`${ch}é`).slice(0, -1);
          } catch {
            return 'refused';
          }
        })();
        const ascii = (() => {
          try {
            return prep(`${ch}e`).slice(0, -1);
          } catch {
            return 'refused';
          }
        })();
        expect(ascii, `${prep.name} ${JSON.stringify(ch)}`).to.equal(unicode);
      }
    }
  });

  it('stays fast on a long hostile name', () => {
    const long = 'Ab\u00AD\u05D0'.repeat(50000);
    const started = performance.now();
    expect(() => nodeprep(long)).to.throw();
    expect(nodeprep('a'.repeat(200000))).to.have.length(200000);
    expect(performance.now() - started).to.be.below(1000);
  });
});
