import { expect } from '@open-wc/testing';
import { formatTime, initials, hue, linkify, safeUrl } from '../../src/elements/text.js';
import { Translator } from '../../src/i18n/translator.js';

describe('linkify', () => {
  it('turns http, https and mailto URLs into links and keeps the rest as text', () => {
    expect(linkify('see https://example.com/a?b=1, or mail mailto:x@y.z.')).to.deep.equal([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: ', or mail ' },
      { text: 'mailto:x@y.z', href: 'mailto:x@y.z' },
      { text: '.' },
    ]);
  });

  it('keeps a closing parenthesis that belongs to the URL', () => {
    const segs = linkify('(https://en.wikipedia.org/wiki/Lit_(software))');
    expect(segs.find((s) => 'href' in s)!.text).to.equal('https://en.wikipedia.org/wiki/Lit_(software)');
  });

  it('never makes javascript:, data: or vbscript: URLs clickable', () => {
    for (const body of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
      expect(
        linkify(body).every((s) => !('href' in s)),
        body,
      ).to.equal(true);
      expect(
        linkify(body)
          .map((s) => s.text)
          .join(''),
      ).to.equal(body);
    }
  });

  it('leaves plain text alone', () => {
    expect(linkify('<b>not html</b>')).to.deep.equal([{ text: '<b>not html</b>' }]);
    expect(linkify('')).to.deep.equal([]);
  });
});

describe('safeUrl', () => {
  it('accepts only http, https and mailto', () => {
    expect(safeUrl('https://a.b/')).to.equal('https://a.b/');
    expect(safeUrl('javascript:alert(1)')).to.equal(undefined);
    expect(safeUrl('not a url')).to.equal(undefined);
  });
});

describe('avatar helpers', () => {
  it('makes initials from one or two words', () => {
    expect(initials('Alice Smith')).to.equal('AS');
    expect(initials('bob')).to.equal('BO');
    expect(initials('   ')).to.equal('?');
    expect(initials('😀 x')).to.equal('😀X');
  });

  it('gives a name the same hue every time', () => {
    expect(hue('alice')).to.equal(hue('alice'));
    expect(hue('alice')).to.be.within(0, 359);
  });
});

describe('formatTime', () => {
  it('writes every minute of a day in each language as Intl does (English and Spanish without it)', () => {
    const day = new Date(2026, 11, 3).getTime();
    for (const lang of ['en', 'es', 'ar', 'de', 'en']) {
      const intl = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
      const i18n = new Translator(lang);
      for (let m = 0; m < 24 * 60; m += lang === 'en' || lang === 'es' ? 1 : 97) {
        const t = day + m * 60_000 + 59_999;
        if (formatTime(t, i18n) !== intl.format(t)) expect(formatTime(t, i18n), `${lang} ${m}`).to.equal(intl.format(t));
      }
    }
    expect(formatTime(day)).to.equal(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(day));
  });
});
