/**
 * Raw XMPP clients (StanzaJS, no widget) against the kit's server, for tests of what the server
 * itself answers on the wire: the stanzas Ethora's clients send, and hostile ones. Stanzas are
 * written and read as XML text (what goes over the WebSocket), so nothing is lost to parsing.
 */
import Stanza from 'stanza';
import type { Agent } from 'stanza';
import { DOMAIN, SERVICE, newUser } from '../integration/harness.js';

export const HTTP = SERVICE.replace(/^ws/, 'http').replace(/\/ws$/, '');
export const MUC = `conference.${DOMAIN}`;

export interface Raw {
  client: Agent;
  jid: string;
  user: string;
  password: string;
  /** Every stanza received so far, parsed. */
  received: Element[];
  /** Writes XML text to the stream as it is. */
  send(xml: string): void;
  /** The first stanza received from now on (or already, when `since` is 0) that `match` accepts. */
  next(match: (el: Element) => boolean, what: string, timeout?: number, since?: number): Promise<Element>;
  /** An IQ (XML text with id "{id}") sent and its answer. */
  iq(xml: string, timeout?: number): Promise<Element>;
  close(): void;
}

let seq = 0;
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
export { escapeAttr as xmlAttr };

/** A signed-in raw client of `jid`. */
export async function connect(jid: string, password: string, user = jid.split('@')[0]): Promise<Raw> {
  const client = Stanza.createClient({
    jid, password, transports: { websocket: SERVICE, bosh: false }, resource: `raw-${Math.random().toString(36).slice(2, 8)}`,
    // Raw writes bypass StanzaJS's stream-management counters: no SM on these clients.
    useStreamManagement: false,
  });
  const received: Element[] = [];
  const waiters = new Set<(el: Element) => void>();
  client.on('raw:incoming', (data: string) => {
    const doc = new DOMParser().parseFromString(data, 'text/xml');
    const el = doc.documentElement;
    if (!el || el.getElementsByTagName('parsererror').length) return;
    received.push(el);
    for (const w of [...waiters]) w(el);
  });
  const started = new Promise<void>((resolve, reject) => {
    client.once('session:started', () => resolve());
    client.once('auth:failed', () => reject(new Error(`auth failed for ${jid}`)));
    setTimeout(() => reject(new Error(`no session for ${jid} within 15 s`)), 15000);
  });
  client.connect();
  await started;
  const raw: Raw = {
    client, jid, user, password, received,
    send(xml) { (client.transport as unknown as { write(s: string): void }).write(xml); },
    next(match, what, timeout = 10000, since = received.length) {
      const old = received.slice(since).find(match);
      if (old) return Promise.resolve(old);
      return new Promise((resolve, reject) => {
        const w = (el: Element) => { if (match(el)) { waiters.delete(w); clearTimeout(t); resolve(el); } };
        const t = setTimeout(() => { waiters.delete(w); reject(new Error(`${jid}: timed out waiting for ${what}`)); }, timeout);
        waiters.add(w);
      });
    },
    iq(xml, timeout = 10000) {
      const id = `q${++seq}-${Date.now().toString(36)}`;
      const answer = raw.next((el) => el.localName === 'iq' && el.getAttribute('id') === id && /result|error/.test(el.getAttribute('type') ?? ''), `the answer to ${xml.slice(0, 120)}`, timeout);
      raw.send(xml.replaceAll('{id}', id));
      return answer;
    },
    close() { client.disconnect(); },
  };
  return raw;
}

/** A fresh user, signed in. */
export async function freshClient(prefix = 'raw'): Promise<Raw> {
  const u = await newUser(prefix);
  return connect(u.jid, u.password, u.user);
}

/** Joins `room` as `nick` (no history); resolves on the room's self-presence. */
export async function join(c: Raw, room: string, nick = c.user): Promise<void> {
  const self = c.next((el) => el.localName === 'presence' && el.getAttribute('from') === `${room}/${nick}` && !!el.querySelector('status[code="110"]'), `${c.user} joined ${room}`);
  c.send(`<presence to="${escapeAttr(`${room}/${nick}`)}"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`);
  await self;
}

/** Sends a groupchat message (`inner` XML) and resolves to the room's echo of it (by id). */
export async function say(c: Raw, room: string, inner: string, id = `m${++seq}-${Date.now().toString(36)}`): Promise<{ id: string; stanzaId: string; echo: Element }> {
  const echo = c.next((el) => el.localName === 'message' && el.getAttribute('id') === id && el.getAttribute('type') === 'groupchat', `the echo of ${id}`);
  c.send(`<message type="groupchat" to="${escapeAttr(room)}" id="${escapeAttr(id)}">${inner}</message>`);
  const el = await echo;
  const sid = [...el.children].find((x) => x.localName === 'stanza-id' && x.getAttribute('by') === room)?.getAttribute('id') ?? '';
  return { id, stanzaId: sid, echo: el };
}

/** An error (message or IQ) for stanza id `id`: its condition element name and text. */
export async function errorFor(c: Raw, id: string, timeout = 10000): Promise<{ condition: string; text: string }> {
  const el = await c.next((e) => e.getAttribute('id') === id && e.getAttribute('type') === 'error', `an error for ${id}`, timeout, 0);
  return conditionOf(el);
}

export function conditionOf(el: Element): { condition: string; text: string } {
  const error = [...el.children].find((x) => x.localName === 'error');
  const cond = [...(error?.children ?? [])].find((x) => x.localName !== 'text');
  return { condition: cond?.localName ?? '', text: [...(error?.children ?? [])].find((x) => x.localName === 'text')?.textContent ?? '' };
}

/** The room's whole archive as `c` reads it through MAM: [{ id (archive id), message }], oldest first. */
export async function archive(c: Raw, room: string): Promise<{ id: string; message: Element }[]> {
  const out: { id: string; message: Element }[] = [];
  let after = '';
  for (let page = 0; page < 100; page++) {
    const qid = `mam${++seq}`;
    const start = c.received.length;
    const fin = await c.iq(`<iq type="set" id="{id}" to="${escapeAttr(room)}"><query xmlns="urn:xmpp:mam:2" queryid="${qid}"><set xmlns="http://jabber.org/protocol/rsm"><max>100</max>${after ? `<after>${after}</after>` : ''}</set></query></iq>`, 20000);
    if (fin.getAttribute('type') !== 'result') throw new Error(`MAM query failed: ${new XMLSerializer().serializeToString(fin)}`);
    for (const el of c.received.slice(start)) {
      const result = [...el.children].find((x) => x.localName === 'result' && x.getAttribute('queryid') === qid);
      const message = result?.querySelector('forwarded > message');
      if (result && message) out.push({ id: result.getAttribute('id') ?? '', message });
    }
    const finEl = fin.querySelector('fin');
    if (!finEl || finEl.getAttribute('complete') === 'true') break;
    after = finEl.querySelector('last')?.textContent ?? '';
    if (!after) break;
  }
  return out;
}

export const bodyOf = (m: Element) => [...m.children].find((x) => x.localName === 'body')?.textContent ?? '';
export const childOf = (m: Element, name: string, ns?: string) =>
  [...m.children].find((x) => x.localName === name && (ns === undefined || x.namespaceURI === ns));

export { DOMAIN };
