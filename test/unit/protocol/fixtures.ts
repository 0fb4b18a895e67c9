/** Loads XML fixtures from test/fixtures/protocol and parses them with our definitions. */
import Stanza from 'stanza';
import type { Stanzas } from 'stanza';
import { ethoraProtocol } from '../../../src/protocol/definitions.js';

export const client = Stanza.createClient({});
client.use(ethoraProtocol);

/** Parses one top-level stanza (message, presence or iq) to StanzaJS JSON. */
export function parse<T = Stanzas.Message>(xml: string): T {
  return client.stanzas.import(Stanza.JXT.parse(xml)) as T;
}

/** Serialises a stanza JSON back to XML text. */
export function serialise(kind: 'message' | 'iq' | 'presence', json: object): string {
  return client.stanzas.export(kind, json)?.toString() ?? '';
}

const cache = new Map<string, string>();

export async function fixtureText(name: string): Promise<string> {
  let text = cache.get(name);
  if (text === undefined) {
    const res = await fetch(`/test/fixtures/protocol/${name}.xml`);
    if (!res.ok) throw new Error(`fixture ${name}: HTTP ${res.status}`);
    text = (await res.text()).trim();
    cache.set(name, text);
  }
  return text;
}

export async function fixture<T = Stanzas.Message>(name: string): Promise<T> {
  return parse<T>(await fixtureText(name));
}
