/**
 * Works around a StanzaJS 12.22.1 XML parser bug that lets any room occupant knock every
 * other StanzaJS client offline.
 *
 * `Parser.addAttribute` rejects a "duplicate" attribute with `attributes[name] !== undefined`
 * on a plain object, so an attribute named like an Object.prototype member (`toString`,
 * `constructor`, `valueOf`, …) counts as already present and the stream fails as
 * not-well-formed. The stream error path then throws (`export('error')` is undefined), the
 * socket stays open with a dead parser, and a stream-management resume replays the same
 * stanza. ejabberd forwards such attributes untouched (checked live with `<data toString="1"/>`).
 *
 * The patch checks own properties instead. An attribute literally named `__proto__` is
 * dropped (assigning a string to it is a no-op), which is harmless.
 *
 * Second, the registry imports nested wrappers (MucSub events, MAM results, carbons: any
 * `<message>` inside a `<message>`) recursively, so a few thousand nested wrappers, which
 * anyone can send to us directly, overflow the stack inside the stream parser's callback:
 * the exception escapes the socket handler and leaves the parser holding a half-built
 * element that swallows every later stanza. A stanza nested deeper than any real one, or
 * one that fails to import for any other reason, is now dropped instead (found by the fuzz test).
 */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

interface ParserInternals {
  attributes: Record<string, string>;
  attributeName: string;
  endRecord(): string;
  notWellFormed(): void;
  addAttribute(): void;
}

let patched = false;

/** Real stanzas nest about ten levels (a MucSub event holding a reply with Ethora data). */
export const MAX_STANZA_DEPTH = 100;

/** Nesting depth of an element tree, without recursion, stopping once past `limit`. */
function deeperThan(root: JXT.XMLElement, limit: number): boolean {
  const stack: Array<[JXT.XMLElement, number]> = [[root, 1]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of el.children) if (typeof child !== 'string') stack.push([child, depth + 1]);
  }
  return false;
}

export function patchStanzaParser(): void {
  if (patched) return;
  patched = true;
  const proto = Stanza.JXT.Parser.prototype as unknown as ParserInternals;
  proto.addAttribute = function addAttribute(this: ParserInternals): void {
    const name = this.endRecord();
    if (Object.prototype.hasOwnProperty.call(this.attributes, name)) return this.notWellFormed();
    this.attributeName = name;
    this.attributes[name] = '';
  };

  const registry = Stanza.JXT.Registry.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with call(this) below
  const importStanza = registry.import;
  let importing = 0;
  registry.import = function guardedImport(this: JXT.Registry, xml, context) {
    // Nested imports (our MucSub field, StanzaJS's own) run inside the guarded outer one.
    if (importing > 0) return importStanza.call(this, xml, context);
    if (deeperThan(xml, MAX_STANZA_DEPTH)) return undefined;
    importing++;
    try {
      return importStanza.call(this, xml, context);
    } catch {
      return undefined;
    } finally {
      importing--;
    }
  };
}
