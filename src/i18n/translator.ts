/**
 * UI language: a small message catalogue keyed by the English text. `t('Send')` is the
 * English text itself in English and its translation elsewhere; `{name}` placeholders are
 * filled from values. Plurals go through Intl.PluralRules (Arabic has six forms). Dates,
 * times, numbers and relative times use Intl in the same language. No dependency. The
 * catalogues other than English are loaded on demand (catalogue-files.ts).
 */
import type { Catalogue } from './catalogue.js';

const RTL = new Set(['ar', 'he', 'fa', 'ur']);
/** Languages whose numbers use the digits 0-9 and no separator below 1,000 (Translator.number). */
const LATIN_DIGITS = /^(en|es)(-|$)/i;

/** The languages with a catalogue (locale-*.ts, shipped as files beside the script). */
export const SUPPORTED_LOCALES: readonly string[] = ['en', 'es', 'ar'];

/** The best supported language for a BCP 47 tag list ("es-MX" -> "es"); English otherwise. */
export function pickLocale(...tags: (string | null | undefined)[]): string {
  for (const tag of tags) {
    const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (base && SUPPORTED_LOCALES.includes(base)) return base;
  }
  return 'en';
}

export type Values = Readonly<Record<string, string | number>>;

export class Translator {
  readonly dir: 'ltr' | 'rtl';
  private readonly catalogue: Catalogue;
  // Made when first needed: the first Intl object of a page loads ICU data (tens of ms), which
  // would otherwise delay the script's start, before the widget even connects.
  private pluralRules?: Intl.PluralRules;
  private numberFormat?: Intl.NumberFormat;

  /** `catalogue`: the language's texts (catalogue-files.ts loads them); none = English texts. */
  constructor(
    readonly lang = 'en',
    catalogue?: Catalogue,
  ) {
    this.catalogue = catalogue ?? {};
    this.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  }

  /** The text in this language, placeholders filled (numbers formatted for the language). */
  t(english: string, values?: Values): string {
    const entry = this.catalogue[english];
    const text = typeof entry === 'string' ? entry : (entry?.other ?? english);
    return values ? this.fill(text, values) : text;
  }

  /**
   * A sentence that came as English text (an error from the session or the server): translated
   * when the catalogue has it, or has its part before ": " (the rest, e.g. a reason someone
   * typed, stays as it is); else unchanged.
   */
  sentence(text: string): string {
    if (!text) return text;
    if (this.catalogue[text] !== undefined) return this.t(text);
    const colon = text.indexOf(': ');
    if (colon > 0 && this.catalogue[text.slice(0, colon)] !== undefined) return `${this.t(text.slice(0, colon))}: ${text.slice(colon + 2)}`;
    return text;
  }

  /**
   * A count with its noun: `n('{n} new message', '{n} new messages', 3)`. The English pair is
   * the key (the plural form); the catalogue gives one text per plural category.
   */
  n(one: string, other: string, count: number, values?: Values): string {
    const entry = this.catalogue[other];
    // Only a catalogue entry with plural forms needs the language's plural rules (Intl: ICU data).
    const plural = (e: Partial<Record<Intl.LDMLPluralRule, string>>) => e[(this.pluralRules ??= new Intl.PluralRules(this.lang)).select(count)];
    const text = typeof entry === 'object' ? (plural(entry) ?? entry.other ?? other) : typeof entry === 'string' ? entry : count === 1 ? one : other;
    return this.fill(text, { ...values, n: count });
  }

  number(value: number): string {
    // The first Intl.NumberFormat loads ICU data (14-26 ms of a cold start): a small whole
    // number in a language written with these digits and grouping from 1,000 needs none.
    if (Number.isInteger(value) && value >= 0 && value < 1000 && LATIN_DIGITS.test(this.lang)) return String(value);
    return (this.numberFormat ??= new Intl.NumberFormat(this.lang)).format(value);
  }

  /** "5 minutes ago" for a number of seconds. */
  ago(seconds: number): string {
    const rtf = new Intl.RelativeTimeFormat(this.lang, { numeric: 'auto' });
    const steps: [number, Intl.RelativeTimeFormatUnit][] = [
      [60, 'second'],
      [60, 'minute'],
      [24, 'hour'],
      [30, 'day'],
      [12, 'month'],
    ];
    let value = seconds;
    for (const [size, unit] of steps) {
      if (value < size) return rtf.format(-Math.round(value), unit);
      value /= size;
    }
    return rtf.format(-Math.round(value), 'year');
  }

  /** "Alice, Bob and Carol" in the language's list style. */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(this.lang, { style: 'long', type: 'conjunction' }).format(items);
  }

  private fill(text: string, values: Values): string {
    return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const v = values[key];
      return v === undefined ? whole : typeof v === 'number' ? this.number(v) : v;
    });
  }
}

/** English, for code that runs outside any widget (and the default of the context). */
export const english = new Translator('en');
