// StanzaJS's own XML parser, served to the tests by web-test-runner.config.mjs (originalParserPlugin).
declare module 'stanza-original-parser' {
  import type { JXT } from 'stanza';

  interface ParserInternals {
    attributes: Record<string, string>;
    attributeName: string;
    endRecord(): string;
    notWellFormed(): void;
    addAttribute(): void;
  }
  const parser: { parse(xml: string): JXT.XMLElement; default: { prototype: ParserInternals } };
  export default parser;
}
