/** XEP-0402 bookmarks' item shape (bookmarks.ts reads and writes them). */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

const { attribute, booleanAttribute, childText, pubsubItemContentAliases } = Stanza.JXT;

export const NS_BOOKMARKS_2 = 'urn:xmpp:bookmarks:1';
/** The account's disco#info feature saying the server keeps 0402 and 0048 bookmarks in step. */
export const NS_BOOKMARKS_COMPAT = 'urn:xmpp:bookmarks:1#compat';
/** `<conference xmlns='urn:xmpp:bookmarks:1' name autojoin><nick/></conference>` as a PEP item. */
export interface ConferenceItem {
  itemType: typeof NS_BOOKMARKS_2;
  name?: string;
  autojoin?: boolean;
  nick?: string;
}

export const bookmarkDefinitions: JXT.DefinitionOptions[] = [
  {
    element: 'conference',
    namespace: NS_BOOKMARKS_2,
    aliases: pubsubItemContentAliases(),
    type: NS_BOOKMARKS_2,
    typeField: 'itemType',
    fields: { name: attribute('name'), autojoin: booleanAttribute('autojoin'), nick: childText(null, 'nick') },
  },
];
