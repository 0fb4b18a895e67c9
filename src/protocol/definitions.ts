/**
 * JXT definitions for what StanzaJS does not know: the Ethora `<data>` bag, Ethora's
 * `ns:getrooms`, and ejabberd MucSub (subscriptions list, subscribe/unsubscribe, and the
 * pubsub#event wrapper that carries room messages to subscribed-but-not-joined users).
 * Use as `client.use(ethoraProtocol)`, which also registers definitions-xep.ts and
 * definitions-ethora.ts.
 */
import * as Stanza from 'stanza';
import type { Agent, JXT, Stanzas } from 'stanza';
import { bookmarkDefinitions } from './definitions-bookmarks.js';
import { ethoraActionDefinitions } from './definitions-ethora.js';
import { xepDefinitions } from './definitions-xep.js';
import { guardStanzaImport } from './import-guard.js';
import { socialDefinitions } from './definitions-social.js';
import { moderationDefinitions } from './moderation.js';

const { XMLElement } = Stanza.JXT;

export const NS_GETROOMS = 'ns:getrooms';
export const NS_MUCSUB = 'urn:xmpp:mucsub:0';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const MUCSUB_NODE_MESSAGES = 'urn:xmpp:mucsub:nodes:messages';

/** Ethora `<data …/>` attributes, name -> value, all strings. */
export type MessageData = Record<string, string>;

/** One `<room>` of an `ns:getrooms` result. */
export interface GetRoomsItem {
  jid?: string;
  name?: string;
  usersCnt?: string;
  /** Image URLs, or "none". */
  roomThumbnail?: string;
  roomBackground?: string;
}
export interface GetRoomsQuery {
  rooms?: GetRoomsItem[];
}

/** `<subscription jid nick><event node/>…</subscription>` */
export interface MucSubSubscription {
  jid?: string;
  nick?: string;
  events?: string[];
}
export interface MucSubSubscriptions {
  subscriptions?: MucSubSubscription[];
}
export interface MucSubSubscribe {
  jid?: string;
  nick?: string;
  password?: string;
  events?: string[];
}
export interface MucSubUnsubscribe {
  jid?: string;
}

/** A MucSub pubsub#event item, unwrapped; `message` is the fully parsed inner message. */
export interface MucSubEvent {
  node: string;
  itemId?: string;
  message: Stanzas.Message;
}

declare module 'stanza' {
  interface Agent {
    /** Not in StanzaJS's Agent type, but present on the client (see stanza.md §3). */
    reconnectAttempts: number;
  }
  interface AgentEvents {
    /** A `<stream:error>` sent by the server (path 'streamError' in StanzaJS). */
    streamError: Stanzas.StreamError;
  }
}
declare module 'stanza/protocol' {
  interface Message {
    data?: MessageData;
    mucsub?: MucSubEvent;
  }
  interface IQPayload {
    getRooms?: GetRoomsQuery;
    mucsubSubscriptions?: MucSubSubscriptions;
    mucsubSubscribe?: MucSubSubscribe;
    mucsubUnsubscribe?: MucSubUnsubscribe;
  }
}

function attributesOf(el: JXT.XMLElement): Record<string, string> {
  // fromEntries defines own properties, so an attribute named __proto__ cannot alter a prototype.
  return Object.fromEntries(
    Object.entries(el.attributes).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'xmlns' && !entry[0].startsWith('xmlns:'),
    ),
  );
}

/**
 * Ethora puts `<data>` in whatever namespace the sender likes (jabber:client, none, the
 * MUC host, the websocket URL), so match the first child named `data` in any namespace.
 */
const dataBag: JXT.FieldDefinition<MessageData> = {
  importer(xml) {
    const child = xml.getChild('data');
    return child ? attributesOf(child) : undefined;
  },
  exporter(xml, value) {
    xml.appendChild(new XMLElement('data', { ...value, xmlns: 'jabber:client' }));
  },
};

/**
 * ejabberd MucSub delivery: `<event xmlns=pubsub#event><items node=mucsub:nodes:messages>
 * <item><message/>`. StanzaJS's pubsub plugin drops the inner message, so it is parsed here
 * through the same registry (so `data`, `stanzaIds`, … are all filled in).
 */
const mucsubEvent: JXT.FieldDefinition<MucSubEvent> = {
  importer(xml, context) {
    const items = xml.getChild('event', NS_PUBSUB_EVENT)?.getChild('items', NS_PUBSUB_EVENT);
    const node = items?.attributes.node;
    if (!items || node !== MUCSUB_NODE_MESSAGES || !context.registry) return undefined;
    const item = items.getChild('item', NS_PUBSUB_EVENT);
    const inner = item?.getChild('message', 'jabber:client');
    if (!inner) return undefined;
    const message = context.registry.import(inner, {
      acceptLanguages: context.acceptLanguages,
      lang: context.lang,
      registry: context.registry,
    }) as Stanzas.Message | undefined;
    return message ? { node, itemId: item?.attributes.id, message } : undefined;
  },
  exporter() {
    // Receive-only: clients never send MucSub events.
  },
};

/**
 * `ns:getrooms` result: Ethora's client reads every child of `<query>` that has a `jid`,
 * whatever its element name, so do the same rather than only `<room>`.
 */
const getRoomsItems: JXT.FieldDefinition<GetRoomsItem[]> = {
  importer(xml) {
    const rooms: GetRoomsItem[] = [];
    for (const child of xml.children) {
      if (typeof child === 'string' || typeof child.attributes.jid !== 'string') continue;
      const { jid, name, users_cnt: usersCnt, room_thumbnail: roomThumbnail, room_background: roomBackground } = child.attributes;
      rooms.push({
        jid,
        name: name ?? undefined,
        usersCnt: usersCnt ?? undefined,
        ...(roomThumbnail ? { roomThumbnail } : {}),
        ...(roomBackground ? { roomBackground } : {}),
      });
    }
    return rooms;
  },
  exporter() {
    // Requests are an empty <query/>.
  },
};

const { attribute, multipleChildAttribute } = Stanza.JXT;

export const ethoraDefinitions: JXT.DefinitionOptions[] = [
  Stanza.JXT.extendMessage({ data: dataBag, mucsub: mucsubEvent }),
  { element: 'query', namespace: NS_GETROOMS, path: 'iq.getRooms', fields: { rooms: getRoomsItems } },
  { element: 'subscriptions', namespace: NS_MUCSUB, path: 'iq.mucsubSubscriptions', fields: {} },
  {
    element: 'subscription',
    namespace: NS_MUCSUB,
    aliases: [{ path: 'iq.mucsubSubscriptions.subscriptions', multiple: true }],
    fields: {
      jid: attribute('jid'),
      nick: attribute('nick'),
      events: multipleChildAttribute(null, 'event', 'node'),
    },
  },
  {
    element: 'subscribe',
    namespace: NS_MUCSUB,
    path: 'iq.mucsubSubscribe',
    fields: {
      jid: attribute('jid'),
      nick: attribute('nick'),
      password: attribute('password'),
      events: multipleChildAttribute(null, 'event', 'node'),
    },
  },
  { element: 'unsubscribe', namespace: NS_MUCSUB, path: 'iq.mucsubUnsubscribe', fields: { jid: attribute('jid') } },
];

/** The shipped StanzaJS's registry (build/stanza-build.mjs): definitions registered on its first use. */
interface DeferringRegistry extends JXT.Registry {
  defineOnUse?(defs: JXT.DefinitionOptions[]): void;
}

/**
 * StanzaJS plugin: registers the definitions above, the standard XEPs StanzaJS lacks and
 * Ethora's action shapes (both dialects are always read), and guards its imports. With the
 * shipped StanzaJS they are registered after its own, once the WebSocket is made (or on the
 * registry's first use): not before the socket.
 */
export function ethoraProtocol(_client: Agent, stanzas: DeferringRegistry): void {
  guardStanzaImport();
  const ours = [ethoraDefinitions, xepDefinitions, ethoraActionDefinitions, socialDefinitions, moderationDefinitions, bookmarkDefinitions];
  for (const defs of ours) {
    if (stanzas.defineOnUse) stanzas.defineOnUse(defs);
    else stanzas.define(defs);
  }
}
