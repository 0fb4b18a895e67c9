/**
 * JXT for the social features StanzaJS lacks: the widget's own preferences in XEP-0049
 * private storage (`<prefs xmlns='urn:ethora-chat:prefs:0' value='{json}'/>`, kept apart
 * from Ethora's shared `chatjson:store`), and Ethora's room members / last activity query
 * `ns:room:last` (ethora-protocol.md §2.6). XEP-0191's `blockList` is StanzaJS's
 * definition (its IQs are sent and answered in social.ts).
 */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

const { attribute } = Stanza.JXT;

export const NS_PREFS = 'urn:ethora-chat:prefs:0';
export const NS_ROOM_LAST = 'ns:room:last';

export interface PrefsStore {
  value?: string;
}

/** One `<activity jid name role ban_status last_active profile/>` of an ns:room:last result. */
export interface RoomLastItem {
  jid?: string;
  name?: string;
  role?: string;
  banStatus?: string;
  lastActive?: string;
  profile?: string;
}
export interface RoomLastQuery {
  room?: string;
  activities?: RoomLastItem[];
}

declare module 'stanza/protocol' {
  interface PrivateStorage {
    ethoraChatPrefs?: PrefsStore;
  }
  interface IQPayload {
    roomLast?: RoomLastQuery;
  }
}

/** Every child with a `jid`, whatever its name (as Ethora's client reads ns:getrooms). */
const activities: JXT.FieldDefinition<RoomLastItem[]> = {
  importer(xml) {
    const out: RoomLastItem[] = [];
    for (const child of xml.children) {
      if (typeof child === 'string') continue;
      const a = child.attributes;
      const own = (k: string) => (Object.prototype.hasOwnProperty.call(a, k) && typeof a[k] === 'string' ? a[k] : undefined);
      if (!own('jid')) continue;
      out.push({
        jid: own('jid'),
        name: own('name'),
        role: own('role'),
        banStatus: own('ban_status'),
        lastActive: own('last_active'),
        profile: own('profile'),
      });
    }
    return out;
  },
  exporter() {
    // Requests are an empty <query room=…/>.
  },
};

export const socialDefinitions: JXT.DefinitionOptions[] = [
  {
    element: 'prefs',
    namespace: NS_PREFS,
    aliases: [{ path: 'iq.privateStorage.ethoraChatPrefs' }],
    fields: { value: attribute('value') },
  },
  { element: 'query', namespace: NS_ROOM_LAST, path: 'iq.roomLast', fields: { room: attribute('room'), activities } },
];
