/**
 * JXT for Ethora's own action shapes (ethora-protocol.md §2.12, §2.13, §2.15, §3.2):
 * `<replace id text/>` and `<delete id/>` without a namespace (so jabber:client, and distinct
 * from XEP-0308's `<replace xmlns=message-correct:0>`, which may sit next to it), the
 * `<deleted/>` / `<replaced/>` markers the server appends to archived messages, and the
 * `chatjson:store` read-state payload of XEP-0049 private storage.
 */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

const { XMLElement, attribute } = Stanza.JXT;

export const NS_CHATJSON = 'chatjson:store';
/** The namespace Ethora's serialiser gives the empty body of a delete (§2.13). */
export const NS_WOW = 'wow';
/** Ethora's receivers route a delete on this literal message id. */
export const ETHORA_DELETE_ID = 'deleteMessageStanza';

export interface EthoraReplace {
  id?: string;
  text?: string;
}
export interface EthoraDelete {
  id?: string;
}
/** `<deleted timestamp/>` or `<replaced timestamp/>` added by Ethora's server modules. */
export interface EthoraMarker {
  timestamp?: string;
}
export interface ChatJsonStore {
  value?: string;
}

declare module 'stanza/protocol' {
  interface Message {
    ethoraReplace?: EthoraReplace;
    ethoraDelete?: EthoraDelete;
    ethoraDeleted?: EthoraMarker;
    ethoraReplaced?: EthoraMarker;
  }
  interface PrivateStorage {
    chatjson?: ChatJsonStore;
  }
}

/** Unprefixed children of `<message xmlns=jabber:client>` are jabber:client; '' when sent with xmlns="". */
function plainChild(xml: JXT.XMLElement, name: string): JXT.XMLElement | undefined {
  return xml.getChildren(name).find((c) => {
    const ns = c.getNamespace();
    return ns === 'jabber:client' || ns === '';
  });
}

function attr(el: JXT.XMLElement, name: string): string | undefined {
  // attributes is a plain object: `constructor` etc. would read through to the prototype.
  const v = Object.prototype.hasOwnProperty.call(el.attributes, name) ? el.attributes[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

const ethoraReplace: JXT.FieldDefinition<EthoraReplace> = {
  importer(xml) {
    const el = plainChild(xml, 'replace');
    return el ? { id: attr(el, 'id'), text: attr(el, 'text') } : undefined;
  },
  exporter(xml, value) {
    xml.appendChild(new XMLElement('replace', { xmlns: 'jabber:client', id: value.id, text: value.text }));
  },
};

/**
 * Exports exactly what Ethora's client sends: an empty `<body xmlns="wow"/>` plus `<delete>`.
 * The odd body is not a jabber:client body, so standard clients show nothing for it, while
 * Ethora's server module sees the stanza shape it was written against.
 */
const ethoraDelete: JXT.FieldDefinition<EthoraDelete> = {
  importer(xml) {
    const el = plainChild(xml, 'delete');
    return el ? { id: attr(el, 'id') } : undefined;
  },
  exporter(xml, value) {
    xml.appendChild(new XMLElement('body', { xmlns: NS_WOW }));
    xml.appendChild(new XMLElement('delete', { xmlns: 'jabber:client', id: value.id }));
  },
};

/** The server writes these into the archive; matched by name like Ethora's client does. */
function marker(name: string): JXT.FieldDefinition<EthoraMarker> {
  return {
    importer(xml) {
      const el = xml.getChild(name);
      return el ? { timestamp: attr(el, 'timestamp') } : undefined;
    },
    exporter() {
      // Receive-only: the server adds them.
    },
  };
}

export const ethoraActionDefinitions: JXT.DefinitionOptions[] = [
  Stanza.JXT.extendMessage({
    ethoraReplace,
    ethoraDelete,
    ethoraDeleted: marker('deleted'),
    ethoraReplaced: marker('replaced'),
  }),
  {
    element: 'chatjson',
    namespace: NS_CHATJSON,
    aliases: [{ path: 'iq.privateStorage.chatjson' }],
    fields: { value: attribute('value') },
  },
];
