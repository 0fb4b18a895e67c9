/**
 * The registry imports nested wrappers (MucSub events, MAM results, carbons: any `<message>`
 * inside a `<message>`) recursively, and anyone can send us a stanza: one that fails to import
 * (a translator throwing on hostile input; too deep a tree built by hand) is dropped instead of
 * throwing out of the socket handler (found by the fuzz test). Frames nested deeper than any
 * real stanza never reach the registry: the XML parser drops them (src/platform/xml-parser.ts).
 */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

let guarded = false;

export function guardStanzaImport(): void {
  if (guarded) return;
  guarded = true;
  const registry = Stanza.JXT.Registry.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with call(this) below
  const importStanza = registry.import;
  let importing = 0;
  registry.import = function guardedImport(this: JXT.Registry, xml, context) {
    // Nested imports (our MucSub field, StanzaJS's own) run inside the guarded outer one.
    if (importing > 0) return importStanza.call(this, xml, context);
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
