/**
 * Values the fuzz generator draws from: the rooms and people of the scenario, and hostile
 * strings (markup, prototype names, odd Unicode, huge text) for every free-text slot.
 */
import type { Rng } from './prng.js';

export const ROOM = 'lobby@conference.localhost';
/** A second room of ours: its stanzas must never land in ROOM. */
export const OTHER = 'other@conference.localhost';
/** A room we are not in: its stanzas must be dropped. */
export const STRANGER = 'evil@conference.localhost';
export const ME = 'alice@localhost';
export const MY_NICK = 'alice';

export const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__'];

export const NICKS = [
  'bob',
  'bob',
  'carol',
  'carol',
  'mallory',
  'dave',
  MY_NICK,
  '',
  'Bob',
  'ünïcødé 👍',
  '<img src=x onerror=window.__xss=1>',
  ' ',
  '\u202egnp.exe',
  ...PROTO_NAMES,
];

/** Text meant to break something if it is ever treated as markup, code or a URL. */
export const HOSTILE = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  ' javascript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'vbscript:msgbox(1)',
  '${window.__xss=1}',
  '{{constructor.constructor("window.__xss=1")()}}',
  '`;window.__xss=1;`',
  'https://example.com/a?b=<c>&d="e"',
  'mailto:x@example.com?subject=<b>',
  'https://evil.example/x.png#"onerror=window.__xss=1',
  '\u200b\u200d\ufeff',
  '\u202eRTL override',
  '👍🏽‍❤️‍💋‍👨🏿',
  'a\u0301\u0301\u0301\u0301',
  '\ud83d',
  '%E0%A4%A',
  '%',
  '',
  '   ',
  '\n\n\n',
  '{"id":1,"text":"x"}',
  '{"__proto__":{"polluted":1},"id":"p"}',
  'null',
  '[]',
  '9'.repeat(400),
  ...PROTO_NAMES,
];

export const URLS = [
  'https://files.example.com/a.png',
  'https://files.example.com/movie.mp4',
  'https://files.example.com/song.mp3',
  'https://files.example.com/doc.pdf',
  'https://files.example.com/%E0%A4%A',
  'https://files.example.com/%',
  'http://x/y.gif',
  'javascript:window.__xss=1//.png',
  'data:image/svg+xml,<svg onload=window.__xss=1>',
  'vbscript:x.png',
  'file:///etc/passwd',
  'https://files.example.com/' + 'a'.repeat(5000) + '.png',
  'ftp://x/y.png',
  '//evil.example/x.png',
  'not a url',
  '',
];

const WORDS = ['hello', 'hi', 'ok', 'see', 'https://example.com/page', 'you', 'at', '5', 'pm', '🎉', 'mailto:bob@example.com', 'lol', '—', 'ça', '日本語'];

/** A message body: usually chat text, sometimes hostile, rarely huge (up to 1 MB). */
export function body(rng: Rng): string {
  const kind = rng.weighted<string>([
    [280, 'words'],
    [60, 'hostile'],
    [24, 'long'],
    [1, 'huge'],
    [32, 'mixed'],
  ]);
  if (kind === 'hostile') return rng.pick(HOSTILE);
  if (kind === 'long') return 'long '.repeat(rng.int(900, 5000));
  if (kind === 'huge') return 'x'.repeat(rng.int(999_000, 1_048_576));
  const n = rng.int(1, 12);
  const words = Array.from({ length: n }, () => (kind === 'mixed' && rng.chance(0.3) ? rng.pick(HOSTILE) : rng.pick(WORDS)));
  return words.join(' ');
}

/** Any free text (names, reasons, file names). */
export function text(rng: Rng): string {
  return rng.weighted<() => string>([
    [55, () => rng.pick(['Bob Jones', 'Carol', 'report.pdf', 'spam', 'Off topic', 'image/png', 'video/mp4', 'Ω'])],
    [40, () => rng.pick(HOSTILE)],
    [4, () => 'n'.repeat(rng.int(300, 5000))],
    [1, () => 'N'.repeat(rng.int(100_000, 300_000))],
  ])();
}

/** A JID that is not a valid room occupant address (or not valid at all). */
export const INVALID_JIDS = [
  '',
  '@conference.localhost/x',
  'lobby@/x',
  `${ROOM}/`,
  'a b@conference.localhost/x',
  `${ROOM}/${'x'.repeat(1100)}`,
  `${'l'.repeat(1100)}@conference.localhost/x`,
  '"><script>@x/y',
  `${ROOM}//x`,
  'x@y@z/w',
  'conference.localhost/nick',
  'lobby@conference.localhost\u00a0/x',
  'lobby@conf<erence.localhost/x',
];

/** XML attribute and text escaping (the generator writes XML as strings). */
export function attr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** A timestamp for a delay: mostly recent, sometimes absurd or invalid. */
export function stamp(rng: Rng, base: number): string {
  return rng.weighted<() => string>([
    [85, () => new Date(base - rng.int(0, 3 * 86_400_000)).toISOString()],
    [3, () => 'yesterday'],
    [3, () => '+275760-09-13T00:00:00.000Z'],
    [3, () => '-271821-04-20T00:00:00.000Z'],
    [3, () => '1970-01-01T00:00:00Z'],
    [3, () => '2024-02-30T25:61:61Z'],
  ])();
}
