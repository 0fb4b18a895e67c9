/**
 * Raw XMPP clients (StanzaJS, no widget) against the kit's server, in two kinds:
 * - `rawClient()`: a StanzaJS client with the widget's stanza definitions, for what the widget
 *   does not do itself (1:1 messages) and for a hostile user who prepares rooms and sends
 *   invitations through StanzaJS's API;
 * - `connect()` / `freshClient()`: stanzas written and read as XML text (what goes over the
 *   WebSocket, nothing lost to parsing), for tests of what the server itself answers: the
 *   stanzas Ethora's clients send, and hostile ones.
 */
import * as Stanza from 'stanza';
import type { Agent, Stanzas } from 'stanza';
import { createStanzaClient } from '../../src/protocol/stanza-client.js';
import { SERVICE, newUser } from './kit.js';

const randomResource = () => `raw-${Math.random().toString(36).slice(2, 8)}`;

/** Connects and resolves once the session has started (rejects on refused credentials, or after 15 s). */
async function startSession(client: Agent, jid: string): Promise<void> {
  const started = new Promise<void>((resolve, reject) => {
    client.once('session:started', () => resolve());
    client.once('auth:failed', () => reject(new Error(`auth failed for ${jid}`)));
    setTimeout(() => reject(new Error(`no session for ${jid} within 15 s`)), 15000);
  });
  client.connect();
  await started;
}

/** A signed-in StanzaJS client of `jid` with the widget's stanza definitions, available. */
export async function rawClient(jid: string, password: string, resource = randomResource()): Promise<Agent> {
  const client = createStanzaClient({ service: SERVICE, jid, password, maxReconnectAttempts: 0, resource });
  await startSession(client, jid);
  client.sendPresence();
  return client;
}

/** Ends a client's session; resolves once the stream is closed (StanzaJS types disconnect() as void, but it returns this promise). */
export async function disconnect(client: Agent): Promise<void> {
  await (client.disconnect() as unknown as Promise<void>);
}

/** Enters a room as `nick`; resolves with the room's answer (self-presence or error). */
export function enter(client: Agent, room: string, nick: string): Promise<Stanzas.ReceivedPresence> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(undefined), 10000);
    const on = (p: Stanzas.ReceivedPresence) => {
      if (p.from === `${room}/${nick}` || (p.type === 'error' && p.from?.startsWith(room))) done(p);
    };
    const done = (p: Stanzas.ReceivedPresence | undefined) => {
      clearTimeout(timer);
      client.off('presence', on);
      if (p) resolve(p);
      else reject(new Error(`no answer from ${room}`));
    };
    client.on('presence', on);
    client.sendPresence({ to: `${room}/${nick}`, muc: { type: 'join', history: { maxStanzas: 0 } } });
  });
}

/** Submits room configuration fields (as its owner). */
export async function configure(client: Agent, room: string, fields: Record<string, boolean | string>): Promise<void> {
  const list: Stanzas.DataFormField[] = [{ name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roomconfig' }];
  for (const [name, value] of Object.entries(fields))
    list.push(typeof value === 'boolean' ? { name, type: 'boolean', value } : { name, type: 'text-single', value });
  await client.configureRoom(room, { fields: list });
}

/** Subscribes to a room's messages (ejabberd MucSub). */
export async function subscribe(client: Agent, room: string, nick: string): Promise<void> {
  await client.sendIQ({ to: room, type: 'set', mucsubSubscribe: { nick, events: ['urn:xmpp:mucsub:nodes:messages'] } });
}

/** Every message stanza the client receives from now on, serialised (live, MucSub, anything). */
export function overhear(client: Agent): string[] {
  const heard: string[] = [];
  client.on('message', (m) => heard.push(JSON.stringify(m)));
  return heard;
}

/** Sends an XEP-0249 direct invitation naming any address as the room. */
export function directInvite(client: Agent, to: string, room: string, reason?: string): void {
  client.directInvite(room, to, reason ? { reason } : {});
}

// ---- XML-text clients ----

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

/** A signed-in raw client of `jid` (on `service`: a cluster node's WebSocket, by default the kit's). */
export async function connect(jid: string, password: string, user = jid.split('@')[0], service = SERVICE): Promise<Raw> {
  const client = Stanza.createClient({
    jid,
    password,
    transports: { websocket: service, bosh: false },
    resource: randomResource(),
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
  await startSession(client, jid);
  const raw: Raw = {
    client,
    jid,
    user,
    password,
    received,
    send(xml) {
      (client.transport as unknown as { write(s: string): void }).write(xml);
    },
    next(match, what, timeout = 10000, since = received.length) {
      const old = received.slice(since).find(match);
      if (old) return Promise.resolve(old);
      return new Promise((resolve, reject) => {
        const w = (el: Element) => {
          if (match(el)) {
            waiters.delete(w);
            clearTimeout(t);
            resolve(el);
          }
        };
        const t = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`${jid}: timed out waiting for ${what}`));
        }, timeout);
        waiters.add(w);
      });
    },
    iq(xml, timeout = 10000) {
      const id = `q${++seq}-${Date.now().toString(36)}`;
      const answer = raw.next(
        (el) => el.localName === 'iq' && el.getAttribute('id') === id && /result|error/.test(el.getAttribute('type') ?? ''),
        `the answer to ${xml.slice(0, 120)}`,
        timeout,
      );
      raw.send(xml.replaceAll('{id}', id));
      return answer;
    },
    close() {
      client.disconnect();
    },
  };
  return raw;
}

/** A fresh user, signed in. */
export async function freshClient(prefix = 'raw', service = SERVICE): Promise<Raw> {
  const u = await newUser(prefix);
  return connect(u.jid, u.password, u.user, service);
}

/** Joins `room` as `nick` (no history); resolves on the room's self-presence. */
export async function join(c: Raw, room: string, nick = c.user): Promise<void> {
  const self = c.next(
    (el) => el.localName === 'presence' && el.getAttribute('from') === `${room}/${nick}` && !!el.querySelector('status[code="110"]'),
    `${c.user} joined ${room}`,
  );
  c.send(`<presence to="${escapeAttr(`${room}/${nick}`)}"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`);
  await self;
}

/** Sends a groupchat message (`inner` XML) and resolves to the room's echo of it (by id). */
export async function say(
  c: Raw,
  room: string,
  inner: string,
  id = `m${++seq}-${Date.now().toString(36)}`,
): Promise<{ id: string; stanzaId: string; echo: Element }> {
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
    const fin = await c.iq(
      `<iq type="set" id="{id}" to="${escapeAttr(room)}"><query xmlns="urn:xmpp:mam:2" queryid="${qid}"><set xmlns="http://jabber.org/protocol/rsm"><max>100</max>${after ? `<after>${after}</after>` : ''}</set></query></iq>`,
      20000,
    );
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
