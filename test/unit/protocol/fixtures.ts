/** Loads XML fixtures from test/fixtures/protocol and parses them with our definitions. */
import * as Stanza from 'stanza';
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

export const ECHO_ROOM = 'lobby@conference.localhost';
export const ECHO_TIME = '2024-09-24T14:45:00.000Z';

/**
 * What the room does to a message we send: serialises our stanza JSON to XML (the wire),
 * re-addresses it from our occupant JID and stamps a stanza-id; also the same stanza as a
 * MAM result of the room archive. Returns the XML and both parsed forms.
 */
export function echo(json: object, nick: string, stanzaId = '1727188885290999') {
  const xml = serialise('message', json);
  const fromRoom = xml
    .replace(`to="${ECHO_ROOM}"`, `from="${ECHO_ROOM}/${nick}"`)
    .replace(/<\/message>$/, `<stanza-id xmlns="urn:xmpp:sid:0" by="${ECHO_ROOM}" id="${stanzaId}"/></message>`);
  const mam = `<message xmlns="jabber:client" from="${ECHO_ROOM}"><result xmlns="urn:xmpp:mam:2" queryid="q" id="${stanzaId}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="${ECHO_TIME}"/>${fromRoom}</forwarded></result></message>`;
  return { xml, live: parse(fromRoom), archived: parse(mam).archive! };
}
