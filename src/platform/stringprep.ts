/**
 * The StringPrep profiles XMPP names use (RFC 3454: nodeprep and resourceprep of RFC 6122,
 * nameprep of RFC 3491, SASLprep of RFC 4013), without their Unicode 3.2 tables: the browser's
 * own case mapping and NFKC do the mapping, and a few character classes reject what the
 * profiles prohibit. Replaces StanzaJS's lib/stringprep in the shipped script (build/stanza-build.mjs).
 * Differences from the tables: unassigned code points are judged by the browser's Unicode, not
 * 3.2, and the bidirectional rule knows right-to-left letters by script.
 */

/** B.1: mapped to nothing. */
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/gu;
/** C.1.2: spaces other than U+0020. */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/gu;
/**
 * C.1.2, C.2.1, C.2.2, C.3 to C.9: non-ASCII spaces, control characters, private use,
 * non-characters, surrogates, characters inappropriate for plain text or canonical
 * representation, display-changing and deprecated characters, tags.
 */
const PROHIBITED = new RegExp(
  [
    '[\\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000]',
    '[\\u0000-\\u001F\\u007F-\\u009F\\u06DD\\u070F\\u180E\\u200C\\u200D\\u2028\\u2029\\u2060-\\u2063\\u206A-\\u206F\\uFEFF\\uFFF9-\\uFFFC\\u{1D173}-\\u{1D17A}]',
    '\\p{Co}',
    '[\\uFDD0-\\uFDEF\\uFFFE\\uFFFF\\u{1FFFE}\\u{1FFFF}\\u{2FFFE}\\u{2FFFF}\\u{3FFFE}\\u{3FFFF}\\u{4FFFE}\\u{4FFFF}\\u{5FFFE}\\u{5FFFF}\\u{6FFFE}\\u{6FFFF}\\u{7FFFE}\\u{7FFFF}\\u{8FFFE}\\u{8FFFF}\\u{9FFFE}\\u{9FFFF}\\u{AFFFE}\\u{AFFFF}\\u{BFFFE}\\u{BFFFF}\\u{CFFFE}\\u{CFFFF}\\u{DFFFE}\\u{DFFFF}\\u{EFFFE}\\u{EFFFF}\\u{FFFFE}\\u{FFFFF}\\u{10FFFE}\\u{10FFFF}]',
    '\\p{Cs}',
    '[\\uFFFA-\\uFFFD\\u2FF0-\\u2FFB\\u0340\\u0341\\u200E\\u200F\\u202A-\\u202E\\u{E0001}\\u{E0020}-\\u{E007F}]',
  ].join('|'),
  'u',
);
/** C.1.1 and the characters RFC 6122 forbids in a localpart. */
const NODE_PROHIBITED = /[ "&'/:<>@]/u;
const RTL_SCRIPTS = '\\p{Script=Hebrew}\\p{Script=Arabic}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}';
/** Right-to-left characters (bidirectional categories R and AL): those scripts, less their digits and marks. */
const RTL = new RegExp(`(?![\\p{M}\\p{N}])[${RTL_SCRIPTS}]`, 'u');
/** Left-to-right letters (category L): letters of every other script. */
const LTR_LETTER = new RegExp(`(?![${RTL_SCRIPTS}])\\p{L}`, 'u');

interface Profile {
  /** B.2: case folding (nameprep, nodeprep); resourceprep and SASLprep keep case. */
  fold: boolean;
  /** SASLprep maps non-ASCII spaces to a space first. */
  spaces: boolean;
  extra?: RegExp;
  /** SASLprep (stored strings) refuses unassigned code points. */
  assignedOnly: boolean;
}

function prepare(profile: Profile, input = ''): string {
  let text = input;
  // Printable ASCII (most names) maps to itself, or to lower case, and holds nothing the
  // profiles prohibit but their extras: the Unicode classes below (slow to compile, at sign-in)
  // are for other text only.
  const ascii = /^[ -~]*$/.test(text);
  if (ascii) {
    if (profile.fold) text = text.toLowerCase();
  } else {
    if (profile.spaces) text = text.replace(NON_ASCII_SPACE, ' ');
    text = text.replace(MAPPED_TO_NOTHING, '');
    // Full case folding, close to table B.2: "ß" -> "ss", and every sigma the same (lower case
    // alone writes a final one at the end of a word).
    if (profile.fold) text = text.toUpperCase().toLowerCase().replace(/ς/g, 'σ');
    text = text.normalize('NFKC');
  }
  const bad = (ascii ? null : (PROHIBITED.exec(text) ?? (profile.assignedOnly ? /\p{Cn}/u.exec(text) : null))) ?? profile.extra?.exec(text);
  if (bad) throw new Error(`Prohibited code point: x${(bad[0].codePointAt(0) ?? 0).toString(16)}`);
  if (!ascii) checkBidi(text);
  return text;
}

/** RFC 3454 section 6: no mix of right-to-left and left-to-right letters; RTL text starts and ends RTL. */
function checkBidi(text: string): void {
  if (!RTL.test(text)) return;
  if (LTR_LETTER.test(text)) throw new Error('String contained both LCat and RandALCat code points');
  const chars = [...text];
  if (!RTL.test(chars[0]) || !RTL.test(chars[chars.length - 1])) {
    throw new Error('String containing RandALCat code points must start and end with RandALCat code points');
  }
}

const NAME: Profile = { fold: true, spaces: false, assignedOnly: false };
const NODE: Profile = { fold: true, spaces: false, extra: NODE_PROHIBITED, assignedOnly: false };
const RESOURCE: Profile = { fold: false, spaces: false, assignedOnly: false };
const SASL: Profile = { fold: false, spaces: true, assignedOnly: true };

/** A domain label (RFC 3491). */
export function nameprep(text?: string): string {
  return prepare(NAME, text);
}

/** A JID's localpart (RFC 6122 appendix A). */
export function nodeprep(text?: string): string {
  return prepare(NODE, text);
}

/** A JID's resource (RFC 6122 appendix B). */
export function resourceprep(text?: string): string {
  return prepare(RESOURCE, text);
}

/** A user name or password (RFC 4013). */
export function saslprep(text?: string): string {
  return prepare(SASL, text);
}
