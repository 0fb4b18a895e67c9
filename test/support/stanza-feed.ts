/**
 * The real receive path, minus the socket: XML text -> JXT.parse -> the StanzaJS registry with
 * our plugin -> routeMessage / the presence parsers / the MAM page parsers -> applyWireEvent,
 * the function ChatSession's receiver calls (src/session/receive.ts), and for archive pages
 * the store methods the session's history uses. A ledger records what was fed, for the fuzz
 * oracle.
 */
import * as Stanza from 'stanza';
import type { JXT, Stanzas } from 'stanza';
import { ethoraProtocol } from '../../src/protocol/definitions.js';
import { routeMessage } from '../../src/protocol/incoming.js';
import { parseArchivedAction } from '../../src/protocol/parse-actions.js';
import { parseArchivedMessage } from '../../src/protocol/parse-message.js';
import { parseJoinError, parseOccupant } from '../../src/protocol/parse-presence.js';
import { applyWireEvent } from '../../src/state/apply-wire-event.js';
import type { ChatStore } from '../../src/state/chat-store.js';
import type { WireAction, WireEvent, WireMessage } from '../../src/state/wire-events.js';
import type { Ledger } from '../fuzz/ledger.js';
import { ROOM } from '../fuzz/pools.js';

export const client = Stanza.createClient({});
client.use(ethoraProtocol);

/**
 * The server's word for the sender's real JID, computed independently of the parsers: the
 * archive's `<x><item jid>` (MAM strips senders' own). Live, ejabberd relays whatever the
 * sender wrote, so a live message vouches for no JID.
 */
function vouchedJid(inner: Stanzas.Message | undefined): string | undefined {
  const jid = inner?.muc && 'jid' in inner.muc ? inner.muc.jid : undefined;
  return typeof jid === 'string' && jid ? jid.split('/')[0].toLowerCase() : undefined;
}

export class StanzaFeed {
  readonly counts: Record<string, number> = {};
  /** MAM results waiting to be applied as one history page. */
  private page: Stanzas.MAMResult[] = [];
  private pages = 0;

  constructor(
    private readonly store: ChatStore,
    private readonly ledger: Ledger,
  ) {}

  private count(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  /** One stanza off the wire. Parse errors are the server's business (it never forwards bad XML); anything after parsing must not throw. */
  feed(xml: string): void {
    this.count('stanzas');
    let el: JXT.XMLElement;
    try {
      el = Stanza.JXT.parse(xml);
    } catch {
      this.count('not well-formed');
      return;
    }
    const json = client.stanzas.import(el) as (Stanzas.Message & Stanzas.Presence) | undefined;
    if (!json) return this.count('not imported');
    if (el.getName() === 'presence') return this.presence(json);
    if (el.getName() !== 'message') return this.count('other');
    const archive = (json as Stanzas.Message).archive;
    if (archive && json.from === ROOM) {
      this.page.push(archive);
      if (this.page.length >= 8) this.flushPage();
      return;
    }
    routeMessage(json, (name, arg) => {
      const e = { name, arg } as WireEvent;
      this.emit(e, undefined);
    });
  }

  private emit(e: WireEvent, jid: string | undefined): void {
    this.count(`event:${e.name}`);
    // Live, the room vouches for a sender's real JID by the occupant's presence (or, for our nick while we are in, us).
    if (e.name === 'message') {
      const room = this.store.room(e.arg.room);
      const self = room && e.arg.nick === room.nick && room.join === 'joined' ? this.store.me : undefined;
      this.ledger.message(e.arg, jid ?? self ?? room?.occupants.get(e.arg.nick)?.jid);
    }
    // An action live from the nick the store holds as ours, while we are in, is ours (identity.ts).
    if (e.name === 'edit' || e.name === 'retraction' || e.name === 'reactions') {
      const room = this.store.room(e.arg.room);
      if (room && e.arg.nick === room.nick && room.join === 'joined') this.ledger.occupant(e.arg.nick, this.store.me);
    }
    if (e.name === 'edit') this.ledger.action({ kind: 'edit', edit: e.arg });
    if (e.name === 'retraction') this.ledger.action({ kind: 'retraction', retraction: e.arg });
    if (e.name === 'reactions') this.ledger.action({ kind: 'reactions', reactions: e.arg });
    applyWireEvent(this.store, e);
  }

  /** Mirrors xmpp-connection.ts listenRooms(): join errors only for rooms we are in (or a join), then occupants. */
  private presence(p: Stanzas.Presence): void {
    if (p.type === 'error') {
      const e = parseJoinError(p);
      if (e && (this.store.room(e.room) || p.muc)) this.emit({ name: 'joinError', arg: e }, undefined);
      return;
    }
    const o = parseOccupant(p);
    if (o) {
      this.ledger.occupant(o.nick, o.jid);
      if (o.newNick) this.ledger.occupant(o.newNick, o.jid);
      this.emit({ name: 'occupant', arg: o }, undefined);
    }
  }

  /**
   * Applies the collected MAM results like ChatSession does: alternately as an older page
   * (applyPage) and as a catch-up after reconnecting (catchUp: applyMessage live).
   */
  flushPage(): void {
    if (!this.page.length) return;
    const messages: WireMessage[] = [];
    const actions: WireAction[] = [];
    for (const result of this.page) {
      const action = parseArchivedAction(result, ROOM);
      if (action) actions.push(action);
      const message = action ? undefined : parseArchivedMessage(result, ROOM);
      if (message) messages.push(message);
      for (const m of message ? [message] : []) this.ledger.message(m, vouchedJid(result.item?.message));
    }
    for (const a of actions) this.ledger.action(a);
    this.page = [];
    this.count('archive pages');
    if (this.pages++ % 2 === 0) this.store.applyHistoryPage(ROOM, messages, actions, false);
    else this.store.applyNewerPage(messages, actions);
  }
}
