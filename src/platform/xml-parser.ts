/**
 * StanzaJS's XML parsers (jxt/Parser.js, a character-by-character parser in JavaScript, and
 * jxt/StreamParser.js around it), replaced in the shipped script by the browser's own
 * (build/stanza-edits.mjs). Over WebSocket (RFC 7395) every frame is whole elements (one stanza,
 * `<open/>` or `<close/>`), so each frame is parsed at once, as an XML fragment inside a wrapper
 * element of a document of ours (one parse per frame, no new document: a quarter of DOMParser's
 * cost), and turned into the JXT element tree StanzaJS's parser made: qualified names, and the
 * attributes as written, namespace declarations included.
 *
 * What the stream does not allow (RFC 6120 §11.1): a document type declaration (no entity is
 * ever declared or expanded: inside an element a DOCTYPE is a syntax error), comments and
 * processing instructions (restricted-xml). Any XML error is not-well-formed: the browser
 * throws it (no error document to tell from a stanza holding a `<parsererror>`). A frame nested
 * deeper than any real stanza is dropped before it is parsed: the registry imports nested
 * wrappers recursively, and the browser's parser slows down with depth (25 ms for 2,000 levels
 * in Chromium, and an error beyond), which would end the stream.
 */
import XMLElement from 'stanza/jxt/Element';
import JXTError from 'stanza/jxt/Error';
import type Registry from 'stanza/jxt/Registry';
import { EventEmitter } from './events';

/** Real stanzas nest about ten levels (a MucSub event holding a reply with Ethora data). */
export const MAX_STANZA_DEPTH = 100;

/** The XML declaration a frame may start with: not an element, and not allowed inside the wrapper. */
const DECLARATION = /^<\?xml\s[^<>]*\?>/;
/**
 * A tag: its closing slash, the attributes (quoted values whole, so a `>` or `/>` inside one
 * does not end it; neither may hold a `<`, so every match stops at the next one) and the
 * slash of an empty element.
 */
const TAG = /<(\/?)(?:[^<>"']|"[^<"]*"|'[^<']*')*?(\/?)>/g;

/**
 * Tabs and line breaks written in attribute values, as character references: the browser makes
 * each a space (XML's attribute-value normalization), StanzaJS's parser kept them, and servers
 * relay them unescaped (an Ethora `<replace text>` edit may hold several lines).
 */
function keepAttributeBreaks(xml: string): string {
  // Only a frame with a break inside a tag is rewritten (a break in text is after a `>`). A `>`
  // and then a break in the same attribute value escape this check: that break becomes a space.
  if (!/<[^<>]*[\t\n\r]/.test(xml)) return xml;
  const value = (v: string) => v.replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
  return xml.replace(TAG, (tag) => tag.replace(/"[^<"]*"|'[^<']*'/g, value));
}

/** Whether elements nest more than `limit` deep: a scan of the tags, only when there are enough end tags. */
function deeperThan(xml: string, limit: number): boolean {
  // All but the innermost of `limit + 1` nested elements end with an end tag.
  let ends = 0;
  for (let i = xml.indexOf('</'); i >= 0 && ends < limit; i = xml.indexOf('</', i + 2)) ends++;
  if (ends < limit) return false;
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[1]) depth--;
    else if (!m[2] && ++depth > limit) return true;
  }
  return false;
}

function toElement(node: Element): XMLElement {
  const attributes: Record<string, string> = {};
  // By name: `attributes[i]` makes an Attr node each, slower, and quadratic for thousands (getAttribute
  // is too, but ten times cheaper). An attribute named `__proto__` is dropped (assigning a string to
  // it does nothing), as before.
  for (const name of node.getAttributeNames()) attributes[name] = node.getAttribute(name)!;
  const el = new XMLElement(node.nodeName, attributes);
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === Node.ELEMENT_NODE) el.appendChild(toElement(child as Element));
    else if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) el.children.push(child.nodeValue!);
    else throw JXTError.restrictedXML();
  }
  return el;
}

let context: Range | undefined;

/**
 * A range inside the wrapper element of an XML document of ours: its fragments are parsed as XML
 * there (the browser throws a SyntaxError for any XML error), without a new document each time.
 */
function wrapper(): Range {
  const doc = document.implementation.createDocument(null, 'w');
  // For servers that send `<stream:error>` without declaring `stream:` (the tree keeps it as sent).
  doc.documentElement.setAttribute('xmlns:stream', 'http://etherx.jabber.org/streams');
  const range = doc.createRange();
  range.selectNodeContents(doc.documentElement);
  return range;
}

/**
 * The elements of one frame, in order, or undefined for a frame nested too deep. Throws a
 * JXTError: not-well-formed, or restricted-xml for a comment or processing instruction.
 */
export function parseFrame(xml: string): XMLElement[] | undefined {
  if (deeperThan(xml, MAX_STANZA_DEPTH)) return undefined;
  let fragment: DocumentFragment;
  try {
    fragment = (context ??= wrapper()).createContextualFragment(keepAttributeBreaks(xml.replace(DECLARATION, '')));
  } catch {
    throw JXTError.notWellFormed();
  }
  const elements: XMLElement[] = [];
  for (let child = fragment.firstChild; child; child = child.nextSibling) {
    const type = child.nodeType;
    if (type === Node.ELEMENT_NODE) elements.push(toElement(child as Element));
    else if (type !== Node.TEXT_NODE) throw JXTError.restrictedXML();
  }
  return elements;
}

/** One element from XML text (StanzaJS's `JXT.parse`); a document nested too deep is restricted-xml. */
export function parse(xml: string): XMLElement {
  const elements = parseFrame(xml);
  if (!elements) throw JXTError.restrictedXML('nested too deep');
  if (!elements[0]) throw JXTError.notWellFormed();
  return elements[0];
}

interface StreamParserOptions {
  registry: Registry;
  acceptLanguages?: string[];
}

/**
 * StanzaJS's stream parser as its WebSocket transport uses it: write() one frame; each element
 * the registry imports is a 'data' event ({ kind, stanza, xml }: the stream's `<open/>` and
 * `<close/>` included), at once; XML the stream may not carry is one 'error' event, after
 * which every frame is ignored (the transport ends the stream).
 */
export class StreamParser extends EventEmitter {
  private failed = false;

  constructor(private readonly opts: StreamParserOptions) {
    super();
  }

  write(frame: string): void {
    if (this.failed) return;
    let elements: XMLElement[] | undefined;
    try {
      elements = parseFrame(frame);
    } catch (error) {
      this.failed = true;
      this.emit('error', error);
      return;
    }
    const { registry, acceptLanguages = [] } = this.opts;
    for (const xml of elements ?? []) {
      const kind = registry.getImportKey(xml);
      const stanza = registry.import(xml, { acceptLanguages });
      if (stanza) this.emit('data', { kind, stanza, xml });
    }
  }
}
