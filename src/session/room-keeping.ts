/**
 * Keeping a room the user entered in their list on every device: ejabberd's MucSub where the room
 * offers it (it also delivers what is said while the user is away), otherwise the account's
 * bookmarks with autojoin (XEP-0402, or XEP-0048 where that is all the server has), which every
 * server keeps and other clients (Converse.js) read. Leaving undoes whichever was done.
 */
import { NS_MUCSUB } from '../protocol/definitions.js';
import type { XmppConnection } from '../protocol/xmpp-connection.js';
import type { ChatStore } from '../state/chat-store.js';

export async function keepRoom(conn: XmppConnection, store: ChatStore, room: string, nick: string): Promise<void> {
  const info = await conn.roomInfo(room).catch(() => undefined);
  if (info?.features.includes(NS_MUCSUB)) {
    await conn.subscribe(room, nick);
    store.setSubscribed(room, true);
    return;
  }
  await conn.setBookmark({ room, name: info?.name || store.room(room)?.name, nick, autojoin: true });
  store.setBookmarked(room, true);
}

/** The user left the room: no device lists it or enters it again (the bookmark stays, without autojoin). */
export async function letRoomGo(conn: XmppConnection, store: ChatStore, room: string): Promise<void> {
  const r = store.room(room);
  if (!r) return;
  if (r.subscribed) await conn.unsubscribe(room);
  if (r.bookmarked) await conn.setBookmark({ room, name: r.name, nick: r.nick, autojoin: false });
}
