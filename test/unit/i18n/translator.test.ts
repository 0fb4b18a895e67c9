import { expect } from '@open-wc/testing';
import { ar } from '../../../src/i18n/locale-ar.js';
import { es } from '../../../src/i18n/locale-es.js';
import type { Entry } from '../../../src/i18n/catalogue.js';
import { pickLocale, Translator } from '../../../src/i18n/translator.js';

describe('Translator', () => {
  it('picks a supported language from BCP 47 tags, English otherwise', () => {
    expect(pickLocale('es-MX')).to.equal('es');
    expect(pickLocale('', null, 'AR_eg')).to.equal('ar');
    expect(pickLocale('fr', 'de')).to.equal('en');
    expect(pickLocale(undefined)).to.equal('en');
  });

  it('gives the English text in English, with placeholders and numbers filled', () => {
    const en = new Translator('en');
    expect(en.t('Members ({n} online)', { n: 1234 })).to.equal('Members (1,234 online)');
    expect(en.t('Not in any catalogue')).to.equal('Not in any catalogue');
    expect(en.n('{n} new message', '{n} new messages', 1)).to.equal('1 new message');
    expect(en.n('{n} new message', '{n} new messages', 3)).to.equal('3 new messages');
    expect(en.dir).to.equal('ltr');
  });

  it('translates to Spanish with its number format', () => {
    const t = new Translator('es', es);
    expect(t.t('Send')).to.equal('Enviar');
    expect(t.t('Members ({n} online)', { n: 1234 })).to.equal('Miembros (1234 en línea)');
    expect(t.n('{n} new message', '{n} new messages', 1)).to.equal('1 mensaje nuevo');
    expect(t.n('{n} new message', '{n} new messages', 5)).to.equal('5 mensajes nuevos');
  });

  it('writes every number as Intl does, small whole ones included (they skip Intl in English and Spanish)', () => {
    for (const lang of ['en', 'es', 'ar']) {
      const t = new Translator(lang);
      const intl = new Intl.NumberFormat(lang);
      for (const n of [0, 1, 7, 42, 999, 1000, 1234, 12345, 2.5, -3]) expect(t.number(n), `${lang} ${n}`).to.equal(intl.format(n));
    }
  });

  it('uses the six Arabic plural forms and right-to-left', () => {
    const t = new Translator('ar', ar);
    expect(t.dir).to.equal('rtl');
    expect(t.n('{n} new message', '{n} new messages', 1)).to.equal('رسالة جديدة واحدة');
    expect(t.n('{n} new message', '{n} new messages', 2)).to.equal('رسالتان جديدتان');
    const num = new Intl.NumberFormat('ar');
    expect(t.n('{n} new message', '{n} new messages', 3)).to.equal(`${num.format(3)} رسائل جديدة`);
    expect(t.n('{n} new message', '{n} new messages', 11)).to.equal(`${num.format(11)} رسالة جديدة`);
  });

  it('translates sentences from the session: whole, or the part before ": " with the rest kept', () => {
    const t = new Translator('es', es);
    expect(t.sentence('You are not allowed to do that')).to.equal('No puedes hacer eso');
    expect(t.sentence('You were banned from this room: spam <b>')).to.equal('Te expulsaron de esta sala: spam <b>');
    expect(t.sentence('Something the server said')).to.equal('Something the server said');
    expect(t.sentence('')).to.equal('');
  });

  it('never lets a value be read as a placeholder or markup', () => {
    const t = new Translator('en');
    expect(t.t('{name} was removed', { name: '{n} <img src=x onerror=alert(1)>' })).to.equal('{n} <img src=x onerror=alert(1)> was removed');
  });
});

describe('catalogues', () => {
  const placeholders = (text: string) =>
    [...text.matchAll(/\{(\w+)\}/g)]
      .map((m) => m[1])
      .sort()
      .join(',');
  const texts = (entry: Entry) => (typeof entry === 'string' ? [entry] : Object.values<string>(entry));

  it('translate every text the source asks for, into Spanish and Arabic, and nothing else', async () => {
    // Written by scripts/i18n-keys.mjs from t(…), n(…), line(…) and /* i18n */ marks in src/.
    const keys = (await (await fetch('/.cache/i18n-keys.json')).json()) as string[];
    expect(keys.length).to.be.greaterThan(150);
    for (const [name, catalogue] of [
      ['es', es],
      ['ar', ar],
    ] as const) {
      const missing = keys.filter((k) => catalogue[k] === undefined);
      const stale = Object.keys(catalogue).filter((k) => !keys.includes(k));
      expect(missing, `${name}: texts with no translation`).to.deep.equal([]);
      expect(stale, `${name}: translations of texts no longer used`).to.deep.equal([]);
    }
  });

  it('keep the placeholders of the English text', () => {
    for (const [name, catalogue] of [
      ['es', es],
      ['ar', ar],
    ] as const) {
      for (const [english, entry] of Object.entries(catalogue)) {
        for (const text of texts(entry)) {
          // A plural form may spell the number out ("رسالة جديدة واحدة"), so {n} may be absent.
          const want = placeholders(english)
            .split(',')
            .filter((p) => p && p !== 'n');
          const got = placeholders(text).split(',');
          expect(
            want.every((p) => got.includes(p)),
            `${name}: "${english}" -> "${text}"`,
          ).to.equal(true);
          expect(
            got.every((p) => !p || placeholders(english).split(',').includes(p)),
            `${name}: unknown placeholder in "${text}"`,
          ).to.equal(true);
        }
      }
    }
  });
});
