/** Pure helpers that turn untrusted text into safe view data (no DOM, no HTML strings). */
import { english, type Translator } from '../i18n/translator.js';
import { isolate, stripInvisible } from '../state/identity.js';

export type Segment = { text: string } | { text: string; href: string };

const LINK = /\b(?:https?:\/\/|mailto:)[^\s<>"']+/gi;
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING = new Set('.,;:!?)]}\'"');

/** The punctuation at the end of `raw` (a loop: a regex anchored at the end backtracks, quadratic on long runs). */
function trailing(raw: string): string {
  let i = raw.length;
  while (i > 0 && TRAILING.has(raw[i - 1])) i--;
  return raw.slice(i);
}

/** A URL we are willing to make clickable, or undefined. */
export function safeUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Splits a message body into text and link segments; only http, https and mailto links. */
export function linkify(body: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const match of body.matchAll(LINK)) {
    let raw = match[0];
    const trail = trailing(raw);
    // Keep a closing parenthesis that closes one opened inside the URL.
    if (trail.startsWith(')') && raw.includes('(')) raw = raw.slice(0, raw.length - trail.length + 1);
    else raw = raw.slice(0, raw.length - trail.length);
    const href = safeUrl(raw);
    if (!href) continue;
    const start = match.index;
    if (start > last) out.push({ text: body.slice(last, start) });
    // The text shown is the link without characters that could disguise or reorder it.
    out.push({ text: stripInvisible(raw), href });
    last = start + raw.length;
  }
  if (last < body.length) out.push({ text: body.slice(last) });
  return out;
}

/**
 * Received text longer than this (UTF-16 units) is shown clipped, with "Show more": a 1 MB
 * body would otherwise be laid out in full in the timeline. 4,000 is a long screenful.
 */
export const CLIP_LENGTH = 4000;

/** The first `max` units of `text` (never half a surrogate pair), or undefined when it fits. */
export function clip(text: string, max = CLIP_LENGTH): string | undefined {
  if (text.length <= max) return undefined;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

/** One or two letters for an avatar. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._-]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  const out = letters.map((w) => [...w][0] ?? '').join('');
  return (words.length === 1 ? [...words[0]].slice(0, 2).join('') : out).toUpperCase() || '?';
}

/** A stable hue (0-359) for a name, so a person keeps their colour everywhere. */
export function hue(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 360;
}

/** Local calendar day of a timestamp, as a comparable key. */
export function dayKey(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
/**
 * Clock times written as Intl writes them for these languages (hour and minute, 2-digit): the
 * first Intl.DateTimeFormat of a page loads ICU's date data, the largest cost of the first
 * render in a cold-start profile. Other languages use Intl.
 */
const OWN_CLOCKS = new Map<string, (d: Date) => string>([
  ['en', (d) => `${two(d.getHours() % 12 || 12)}:${two(d.getMinutes())} ${d.getHours() < 12 ? 'AM' : 'PM'}`],
  ['es', (d) => `${two(d.getHours())}:${two(d.getMinutes())}`],
]);
/** One clock formatter per other language: making one costs far more than formatting (each message shows its time). */
const clocks = new Map<string, Intl.DateTimeFormat>();

export function formatTime(time: number, i18n: Translator = english): string {
  const own = OWN_CLOCKS.get(i18n.lang);
  if (own) return own(new Date(time));
  let clock = clocks.get(i18n.lang);
  if (!clock) clocks.set(i18n.lang, (clock = new Intl.DateTimeFormat(i18n.lang, { hour: '2-digit', minute: '2-digit' })));
  return clock.format(time);
}

/** "Today", "Yesterday" or a date, in the widget's language. */
export function formatDay(time: number, now = Date.now(), i18n: Translator = english): string {
  const key = dayKey(time);
  if (key === dayKey(now)) return i18n.t('Today');
  if (key === dayKey(now - 86_400_000)) return i18n.t('Yesterday');
  return new Intl.DateTimeFormat(i18n.lang, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(time);
}

/** Who is typing, as a sentence: "Alice is typing…", "Alice and Bob are typing…". */
export function typingText(names: string[], i18n: Translator = english): string {
  const [a, b] = names;
  if (names.length === 0) return '';
  if (names.length === 1) return i18n.t('{a} is typing…', { a });
  if (names.length === 2) return i18n.t('{a} and {b} are typing…', { a, b });
  return i18n.n('{a}, {b} and {n} other are typing…', '{a}, {b} and {n} others are typing…', names.length - 2, { a, b });
}

/** A system line's values with the names (who, nick) isolated, so a name cannot reorder the line. */
export function isolateNames(values: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...values };
  for (const k of ['who', 'nick']) if (k in out) out[k] = isolate(out[k]);
  return out;
}

/** Characters of a search result's text shown around its first match. */
const EXCERPT = 160;

/**
 * A search result's text as parts, the matches of `pattern` marked, cut to about EXCERPT
 * characters around the first match. Rendered as text parts and <mark>s, never as HTML.
 */
export function highlight(text: string, pattern: RegExp | undefined): { text: string; match: boolean }[] {
  const first = pattern ? text.search(pattern) : -1;
  const start = first > EXCERPT / 3 ? first - Math.floor(EXCERPT / 3) : 0;
  const cut = (start > 0 ? '…' : '') + text.slice(start, start + EXCERPT) + (text.length > start + EXCERPT ? '…' : '');
  if (!pattern) return [{ text: cut, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let at = 0;
  for (const m of cut.matchAll(new RegExp(pattern.source, 'giu'))) {
    if (!m[0]) continue;
    if (m.index > at) parts.push({ text: cut.slice(at, m.index), match: false });
    parts.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < cut.length) parts.push({ text: cut.slice(at), match: false });
  return parts;
}
