/**
 * What StanzaJS asks of the `punycode` package: domain labels from their ASCII form
 * ("xn--bcher-kva" -> "bücher", RFC 3492 decoding) and UTF-16 <-> code points. Replaces the
 * package in the shipped script (build/stanza-build.mjs).
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(code: number): number {
  if (code >= 0x30 && code < 0x3a) return code - 22;
  if (code >= 0x41 && code < 0x5b) return code - 0x41;
  if (code >= 0x61 && code < 0x7b) return code - 0x61;
  throw new RangeError('Invalid punycode');
}

/** RFC 3492 decoding of one label's part after "xn--". Throws RangeError on invalid input. */
export function decode(input: string): string {
  const basicEnd = Math.max(input.lastIndexOf('-'), 0);
  const output = [...input.slice(0, basicEnd)].map((c) => {
    if (c.charCodeAt(0) >= 0x80) throw new RangeError('Invalid punycode');
    return c.charCodeAt(0);
  });
  let n = 0x80;
  let i = 0;
  let bias = 72;
  for (let pos = basicEnd > 0 ? basicEnd + 1 : 0; pos < input.length;) {
    const old = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new RangeError('Invalid punycode');
      const d = digit(input.charCodeAt(pos++));
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * 4) throw new RangeError('Invalid punycode');
    }
    bias = adapt(i - old, output.length + 1, old === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) throw new RangeError('Invalid punycode');
    output.splice(i++, 0, n);
  }
  return encodePoints(output);
}

/** No spread: a long list would overflow the call stack. */
function encodePoints(points: readonly number[]): string {
  return points.map((p) => String.fromCodePoint(p)).join('');
}

/** The longest domain name (RFC 1035): longer labels are not decoded (and decoding is quadratic). */
const MAX_LABEL = 253;

/**
 * A domain name with its "xn--" labels decoded; other labels unchanged. A label that is not
 * valid punycode stays as it is (the name is then simply not the one a user would type).
 */
export function toUnicode(domain: string): string {
  return domain
    .split('.')
    .map((label) => {
      if (!/^xn--/i.test(label) || label.length > MAX_LABEL) return label;
      try {
        return decode(label.slice(4).toLowerCase());
      } catch {
        return label;
      }
    })
    .join('.');
}

export const ucs2 = {
  decode: (text: string): number[] => [...text].map((c) => c.codePointAt(0) ?? 0),
  encode: encodePoints,
};

export default { decode, toUnicode, ucs2 };
