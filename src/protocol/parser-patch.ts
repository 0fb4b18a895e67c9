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
 */
import Stanza from 'stanza';

interface ParserInternals {
  attributes: Record<string, string>;
  attributeName: string;
  endRecord(): string;
  notWellFormed(): void;
  addAttribute(): void;
}

let patched = false;

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
}
