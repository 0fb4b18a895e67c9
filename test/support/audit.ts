/**
 * Audits everything the widget rendered, in the document and in every shadow root: only the
 * elements the widget itself renders, no event-handler attributes, no URL attribute outside
 * http(s)/mailto, no style attribute it did not write. Returns the findings (empty = clean).
 */
import { shadowRoots } from './mount-room.js';

/** Every tag the widget's templates use (lower case). Anything else was injected. */
const ALLOWED_TAGS = new Set([
  'div',
  'span',
  'p',
  'b',
  'bdi',
  'small',
  'h2',
  'h3',
  'section',
  'label',
  'nav',
  'ol',
  'ul',
  'li',
  'a',
  'button',
  'time',
  'img',
  'video',
  'audio',
  'progress',
  'form',
  'input',
  'textarea',
  'svg',
  'path',
  'circle',
  'slot',
  'ethora-room',
  'ethora-room-list',
  'ethora-message',
  'ethora-message-menu',
  'ethora-composer',
  'ethora-room-list-toolbar',
  'ethora-room-actions',
  'ethora-settings',
  'ethora-blocked-line',
  'ethora-search',
  'mark',
]);
const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'ping', 'cite'];
const SAFE_URL = /^(https?:\/\/|mailto:)/i;
/**
 * The inline styles the widget sets (through the CSSOM, as serialized back): an avatar colour,
 * and an image/video box in pixels.
 */
const SAFE_STYLE = /^(background: rgb\(\d{1,3}, \d{1,3}, \d{1,3}\);|width: \d+px; height: \d+px;)$/;

export function audit(host: Node = document.body): string[] {
  const found: string[] = [];
  const roots: Array<Element | ShadowRoot> = [host as Element, ...shadowRoots(host)];
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      const tag = el.localName;
      const where = `<${tag}> in ${root instanceof ShadowRoot ? `<${root.host.localName}>` : 'the page'}`;
      if (!ALLOWED_TAGS.has(tag) && !isTestScaffold(el)) found.push(`unexpected element ${where}`);
      for (const attr of el.attributes) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) found.push(`event handler attribute ${name}="${attr.value.slice(0, 60)}" on ${where}`);
        if (URL_ATTRS.includes(name) && !SAFE_URL.test(attr.value)) found.push(`unsafe ${name}="${attr.value.slice(0, 80)}" on ${where}`);
        if (name === 'style' && !SAFE_STYLE.test(attr.value.trim())) found.push(`unexpected style="${attr.value.slice(0, 80)}" on ${where}`);
      }
      if (el instanceof HTMLAnchorElement && el.hasAttribute('href')) {
        if (!['http:', 'https:', 'mailto:'].includes(el.protocol)) found.push(`clickable ${el.protocol} link in ${where}`);
        if (el.target === '_blank' && el.rel !== 'noopener noreferrer') found.push(`target=_blank without noopener noreferrer in ${where}`);
      }
      if (el instanceof HTMLMediaElement || el instanceof HTMLImageElement) {
        const src = el.currentSrc || el.getAttribute('src') || '';
        if (src && !/^https?:/i.test(src)) found.push(`${tag} loading ${src.slice(0, 80)} in ${where}`);
      }
    }
  }
  return found;
}

/** The test's own wrapper (a div in the page) is not widget output. */
function isTestScaffold(el: Element): boolean {
  return el.getRootNode() === document && el.localName === 'div';
}

/** Set by any payload that ran. */
export function sentinel(): unknown {
  const w = window as unknown as { __xss?: unknown };
  const p = window.parent as unknown as { __xss?: unknown };
  const t = window.top as unknown as { __xss?: unknown } | null;
  return w.__xss ?? p.__xss ?? t?.__xss;
}
