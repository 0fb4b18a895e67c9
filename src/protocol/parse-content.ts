/**
 * Replies and attachments inside a message, in both dialects:
 * - XEP-0461 `<reply to id>` with the XEP-0428 fallback quote (stripped from the body and kept
 *   as the quote), or Ethora `<data isReply="true" mainMessage="<JSON>">`;
 * - XEP-0066 OOB `<x><url>` (XEP-0363 uploads), or Ethora `<data isMediafile="true" location …>`.
 * Everything here is untrusted: the JSON may be invalid or hostile, numbers may be garbage.
 */
import type { Stanzas } from 'stanza';
import { NS_REPLY } from './definitions-xep.js';
import { str, text } from './parse-envelope.js';
import type { WireMedia, WireReplyRef } from './types.js';

/** Longest quote kept from a stanza, in code points; the view shows a line of it at most. */
const MAX_QUOTE = 1000;

/** The reply a message carries, and its body with any reply fallback removed. */
export function replyOf(inner: Stanzas.Message, data: Record<string, string> | undefined): { replyTo?: WireReplyRef; body: string } {
  let body = text(inner.body);
  let replyTo: WireReplyRef | undefined;
  const id = str(inner.reply?.id);
  if (id) {
    replyTo = { id };
    const to = str(inner.reply?.to);
    if (to) replyTo.to = to;
    const cut = cutFallback(body, inner.fallbacks);
    if (cut) {
      body = cut.body;
      if (cut.quote) replyTo.quote = cut.quote;
    }
  }
  if (data?.isReply === 'true') {
    const main = parseMainMessage(data.mainMessage);
    if (main && (!replyTo || replyTo.id === main.id)) {
      replyTo ??= { id: main.id };
      if (!replyTo.quote && main.text) replyTo.quote = main.text;
      if (main.userName) replyTo.author = main.userName;
    }
  }
  return { replyTo, body };
}

/** Removes the reply fallback range (code points, XEP-0426) from the body; the cut text is the quote. */
function cutFallback(body: string, fallbacks: Stanzas.Message['fallbacks']): { body: string; quote: string } | undefined {
  const fallback = Array.isArray(fallbacks) ? fallbacks.find((f) => f?.for === NS_REPLY) : undefined;
  const range = Array.isArray(fallback?.bodies) ? fallback.bodies[0] : undefined;
  if (!range) return undefined;
  const points = [...body];
  const { start, end } = range;
  if (typeof start !== 'number' || typeof end !== 'number' || start < 0 || end <= start || end > points.length) return undefined;
  const quoted = points.slice(start, end).join('');
  const rest = points.slice(0, start).join('') + points.slice(end).join('');
  return { body: rest, quote: unquote(quoted) };
}

/** "> line one\n> line two\n" -> "line one\nline two" (bounded). */
function unquote(fallback: string): string {
  // Trimmed by a loop: /\n+$/ backtracks from every newline of a long run (quadratic).
  let end = fallback.length;
  while (end > 0 && fallback.charCodeAt(end - 1) === 10) end--;
  const lines = fallback
    .slice(0, end)
    .split('\n')
    .map((l) => (l.startsWith('> ') ? l.slice(2) : l.startsWith('>') ? l.slice(1) : l));
  return [...lines.join('\n').trim()].slice(0, MAX_QUOTE).join('');
}

interface MainMessage {
  id: string;
  text?: string;
  userName?: string;
}

/** Ethora's mainMessage JSON (§2.8); undefined when it is not an object with an id. */
export function parseMainMessage(json: unknown): MainMessage | undefined {
  if (typeof json !== 'string' || !json) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const id = typeof v.id === 'number' && Number.isFinite(v.id) ? String(v.id) : str(v.id);
  if (!id) return undefined;
  const out: MainMessage = { id };
  const quote = typeof v.text === 'string' ? [...v.text.trim()].slice(0, MAX_QUOTE).join('') : '';
  if (quote) out.text = quote;
  const userName = str(typeof v.userName === 'string' ? v.userName.trim() : undefined, 200);
  if (userName) out.userName = userName;
  return out;
}

/** The attachment a message carries, if any. */
export function mediaOf(inner: Stanzas.Message, data: Record<string, string> | undefined): WireMedia | undefined {
  if (data?.isMediafile === 'true') {
    const url = str(data.location, 4096);
    if (url) {
      const media: WireMedia = { url };
      const preview = str(data.locationPreview, 4096);
      if (preview) media.previewUrl = preview;
      const name = str(data.originalName, 500) ?? str(data.fileName, 500);
      if (name) media.name = name;
      const mime = str(data.mimetype, 200);
      if (mime) media.mimeType = mime;
      setNumber(media, 'size', data.size);
      setNumber(media, 'width', data.width);
      setNumber(media, 'height', data.height);
      return media;
    }
  }
  const link = Array.isArray(inner.links) ? inner.links.find((l) => str(l?.url, 4096)) : undefined;
  if (!link?.url) return undefined;
  const media: WireMedia = { url: link.url };
  const name = str(link.description, 500);
  if (name) media.name = name;
  const mime = mimeFromUrl(link.url);
  if (mime) media.mimeType = mime;
  return media;
}

function setNumber(media: WireMedia, key: 'size' | 'width' | 'height', value: string | undefined): void {
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return;
  media[key] = Number(value.trim());
}

const MIME_BY_EXT: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  m4v: 'video/mp4',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  aac: 'audio/aac',
  pdf: 'application/pdf',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** OOB carries no type: guess it from the URL's extension so images can show inline. */
export function mimeFromUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0];
  const ext = /\.([a-z0-9]{1,5})$/i.exec(path)?.[1]?.toLowerCase();
  return ext && Object.prototype.hasOwnProperty.call(MIME_BY_EXT, ext) ? MIME_BY_EXT[ext] : undefined;
}
