import { html, nothing } from 'lit';
import { english, type Translator } from '../i18n/translator.js';
import { cssomStyle } from './cssom-style.js';
import type { WireMedia } from '../state/wire-events.js';
import { safeUrl } from './text.js';
import { stripInvisible } from '../state/identity.js';

/** Largest box an inline image or video takes, in CSS pixels. */
const MAX_W = 320;
const MAX_H = 240;

/** A human file size: 12 KB, 3.4 MB. */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The box a picture takes before it loads, so the timeline does not jump. Set through the
 * CSSOM, not a `style` attribute, which a strict Content-Security-Policy blocks.
 */
function box(m: WireMedia) {
  const w = m.width && m.width > 0 ? m.width : MAX_W;
  const h = m.height && m.height > 0 ? m.height : MAX_H;
  const scale = Math.min(1, MAX_W / w, MAX_H / h);
  return cssomStyle({ width: `${Math.round(w * scale)}px`, height: `${Math.round(h * scale)}px` });
}

/** The last path segment as a name. A sender's URL may hold a malformed escape (`%E0%A4%A`): decoding must not throw. */
function fileNameOf(url: string): string {
  const last = new URL(url).pathname.split('/').pop() || 'file';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** An attachment: image or video inline, audio with a player, anything else as a file card. */
/**
 * An attachment: images, video and audio inline, other files as a download link. Images load
 * without a referrer (HTML has no such attribute for video and audio); with `inlineHosts` (the `inline-media-hosts` setting) only media on
 * those hosts load at all, the rest is a link (a tracking pixel on another host stays unloaded).
 */
export function renderMedia(m: WireMedia, i18n: Translator = english, inlineHosts?: ReadonlySet<string>) {
  const url = safeUrl(m.url);
  if (!url || !/^https?:/.test(url)) return html`<div class="file" part="file">${i18n.t('Attachment with an unsafe address (not shown)')}</div>`;
  const name = stripInvisible(m.name?.trim() || fileNameOf(url)).slice(0, 300);
  const type = (m.mimeType ?? '').toLowerCase();
  const safePreview = m.previewUrl ? safeUrl(m.previewUrl) : undefined;
  const preview = safePreview && /^https?:/.test(safePreview) ? safePreview : url;
  const allowed = (u: string) => !inlineHosts || inlineHosts.has(new URL(u).hostname.toLowerCase());
  const inline = allowed(url) && allowed(preview);
  if (inline && type.startsWith('image/'))
    return html`<a class="media" href=${url} target="_blank" rel="noopener noreferrer">
      <img part="image" src=${preview} alt=${name} loading="lazy" referrerpolicy="no-referrer" ${box(m)} />
    </a>`;
  if (inline && type.startsWith('video/'))
    return html`<video part="video" class="media" src=${url} controls preload="metadata" ${box(m)} aria-label=${name}></video>`;
  if (inline && type.startsWith('audio/')) return html`<audio part="audio" src=${url} controls preload="metadata" aria-label=${name}></audio>`;
  return html`<a class="file" part="file" href=${url} target="_blank" rel="noopener noreferrer" download=${name}>
    <span aria-hidden="true">📄</span><span class="file-name">${name}</span>${m.size !== undefined ? html`<span class="file-size">${formatSize(m.size)}</span>` : nothing}
  </a>`;
}
