import { expect } from '@open-wc/testing';
import { decode, toUnicode, ucs2 } from '../../../src/platform/punycode.js';

// RFC 3492 section 7.1 samples and the punycode package's own results.
describe('punycode without the package (src/platform/punycode.ts)', () => {
  it('decodes xn-- labels, leaving the others', () => {
    expect(toUnicode('xn--bcher-kva.example')).to.equal('bücher.example');
    expect(toUnicode('xn--ls8h.la')).to.equal('💩.la');
    expect(toUnicode('xn--80akhbyknj4f.xn--p1ai')).to.equal('испытание.рф');
    expect(toUnicode('XN--MNCHEN-3YA.de')).to.equal('münchen.de');
    expect(toUnicode('conference.localhost')).to.equal('conference.localhost');
  });

  it('decodes the RFC 3492 samples', () => {
    expect(decode('egbpdaj6bu4bxfgehfvwxn')).to.equal('\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F');
    expect(decode('ihqwcrb4cv8a8dqg056pqjye')).to.equal('\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587');
    expect(decode('3B-ww4c5e180e575a65lsy2b')).to.equal('3\u5E74B\u7D44\u91D1\u516B\u5148\u751F');
  });

  it('keeps an invalid or oversized label as it is instead of throwing', () => {
    expect(() => decode('zz')).to.throw(RangeError);
    expect(toUnicode('xn--zz.example')).to.equal('xn--zz.example');
    expect(toUnicode('xn--ü.example')).to.equal('xn--ü.example');
    const huge = `xn--${'a'.repeat(100000)}`;
    expect(toUnicode(huge)).to.equal(huge);
  });

  it('converts between UTF-16 and code points, astral ones included, without spreading', () => {
    expect(ucs2.decode('a💩')).to.deep.equal([0x61, 0x1f4a9]);
    expect(ucs2.encode([0x61, 0x1f4a9])).to.equal('a💩');
    expect(ucs2.encode(new Array<number>(300000).fill(0x61))).to.have.length(300000);
  });
});
