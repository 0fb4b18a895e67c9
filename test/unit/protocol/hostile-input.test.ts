import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseAction, parseArchivedAction } from '../../../src/protocol/parse-actions.js';
import { parseChatState, parseSubject } from '../../../src/protocol/parse-events.js';
import { parseArchivedMessage, parseMessageError, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { parseJoinError, parseOccupant } from '../../../src/protocol/parse-presence.js';
import { parseGetRooms, parseRoomInfo, parseSubscriptions } from '../../../src/protocol/parse-rooms.js';
import { parseReadState } from '../../../src/protocol/read-state.js';
import { parse } from './fixtures.js';
import { MAX_TEXT_UNITS } from '../../../src/protocol/parse-envelope.js';

/** Casts garbage to the stanza type a parser expects: the parsers must survive it. */
const as = <T>(value: unknown) => value as T;
const garbage: unknown[] = [undefined, null, 0, 'message', [], {}, { type: 'groupchat' }, { from: 42, type: 'groupchat', body: 7 }];

describe('parsers on hostile input', () => {
  it('never throw on garbage and return undefined', () => {
    for (const g of garbage) {
      expect(parseRoomMessage(as(g))).to.equal(undefined);
      expect(parseArchivedMessage(as(g), 'r@c.x')).to.equal(undefined);
      expect(parseMessageError(as(g))).to.equal(undefined);
      expect(parseOccupant(as(g))).to.equal(undefined);
      expect(parseJoinError(as(g))).to.equal(undefined);
      expect(parseRoomInfo(as(g))).to.equal(undefined);
      expect(parseSubscriptions(as(g))).to.equal(undefined);
      expect(parseGetRooms(as(g))).to.equal(undefined);
      expect(parseAction(as(g))).to.equal(undefined);
      expect(parseArchivedAction(as(g), 'r@c.x')).to.equal(undefined);
      expect(parseChatState(as(g))).to.equal(undefined);
      expect(parseSubject(as(g))).to.equal(undefined);
      expect(parseReadState(as(g))).to.deep.equal({});
    }
  });

  it('caps a huge reaction list at 20 distinct and drops essays posing as reactions', () => {
    const many = Array.from({ length: 3000 }, (_, i) => `<reaction>${String.fromCodePoint(0x1f300 + (i % 500))}</reaction>`).join('');
    const junk = `<reaction>${'🔥'.repeat(50)}</reaction><reaction>click https://evil.example</reaction><reaction>${'a'.repeat(100)}</reaction>`;
    const msg = parse(
      `<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><reactions xmlns="urn:xmpp:reactions:0" id="S1">${junk}${many}</reactions></message>`,
    );
    const a = parseAction(msg);
    expect(a?.kind === 'reactions' && a.reactions.emojis).to.have.length(20);
    expect(a?.kind === 'reactions' && a.reactions.emojis[0]).to.equal(String.fromCodePoint(0x1f300));
    expect(parseRoomMessage(msg)).to.equal(undefined);
  });

  it('drops actions whose target id is absurdly long', () => {
    const id = 'x'.repeat(5000);
    expect(parseAction(as({ type: 'groupchat', from: 'r@c.x/n', retract: { id } }))).to.equal(undefined);
    expect(parseAction(as({ type: 'groupchat', from: 'r@c.x/n', reactions: { id, values: ['👍'] } }))).to.equal(undefined);
  });

  it('does not take a forged moderation for a message either', () => {
    const msg = parse(
      `<message xmlns="jabber:client" type="groupchat" from="r@c.x/mallory"><apply-to xmlns="urn:xmpp:fasten:0" id="S1"><moderated xmlns="urn:xmpp:message-moderate:0" by="r@c.x/admin"><retract xmlns="urn:xmpp:message-retract:0"/></moderated></apply-to><body>This message was moderated</body></message>`,
    );
    expect(parseAction(msg)).to.equal(undefined);
    expect(parseRoomMessage(msg)).to.equal(undefined);
  });

  it('ignores messages without from or with an invalid from', () => {
    for (const from of [undefined, '', 'not a jid@@/', '@conference.localhost/x', 'room@/nick', 'room@conf.x/', 'conference.localhost/nick', 'a<b@c.x/n']) {
      expect(parseRoomMessage({ type: 'groupchat', from, body: 'x' }), String(from)).to.equal(undefined);
      expect(parseMessageError({ type: 'error', from, id: '1' }), String(from)).to.equal(undefined);
      expect(parseOccupant({ from, muc: { type: 'info' } }), String(from)).to.equal(undefined);
    }
  });

  it('passes a huge body through as plain text without throwing, cut to the longest text read', () => {
    const body = '<script>alert(1)</script>'.repeat(40000);
    const msg = parse(`<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><body>${body.replace(/</g, '&lt;')}</body></message>`);
    const m = parseRoomMessage(msg);
    expect(m?.body).to.equal(body.slice(0, MAX_TEXT_UNITS));
  });

  it('treats an empty or non-text body as no message', () => {
    expect(parseRoomMessage(parse(`<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><body/></message>`))).to.equal(undefined);
    expect(parseRoomMessage(as({ type: 'groupchat', from: 'r@c.x/n', body: { evil: true } }))).to.equal(undefined);
  });

  it('survives malformed stanza-ids, delays and data', () => {
    const m = parseRoomMessage(
      as({
        type: 'groupchat',
        from: 'r@c.x/n',
        body: 'hi',
        stanzaIds: [null, { by: 42 }, { by: 'r@c.x', id: 5 }],
        delay: { from: 'r@c.x', timestamp: 'yesterday' },
        data: { a: 1, b: 'two' },
      }),
    );
    expect(m).to.deep.equal({ room: 'r@c.x', nick: 'n', body: 'hi', data: { b: 'two' } });
  });

  it('ignores a senderJID that is not a JID', () => {
    const m = parseRoomMessage(
      parse(`<message xmlns="jabber:client" type="groupchat" from="r@c.x/n"><body>b</body><data senderJID="javascript:alert(1)"/></message>`),
    );
    expect(m?.senderJid).to.equal(undefined);
  });

  it('does not unwrap a MucSub event nested inside another', () => {
    const inner = `<message xmlns="jabber:client" from="r@c.x/n" type="groupchat"><body>deep</body></message>`;
    const wrap = (from: string, x: string) =>
      `<message xmlns="jabber:client" from="${from}"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="urn:xmpp:mucsub:nodes:messages"><item>${x}</item></items></event></message>`;
    const nested = parse(
      wrap(
        'r@c.x',
        wrap('r@c.x', inner).replace('<message xmlns="jabber:client" from="r@c.x">', '<message xmlns="jabber:client" from="r@c.x" type="groupchat">'),
      ),
    );
    expect(parseRoomMessage(nested)).to.equal(undefined);
  });

  it('survives archived results with missing parts', () => {
    expect(parseArchivedMessage(as({ id: '1', item: { message: { from: 'bad jid@@', body: 'x' } } }), 'r@c.x')).to.equal(undefined);
    expect(parseArchivedMessage(as({ id: '1', item: { message: { body: 'x' }, delay: { timestamp: 'nope' } } }), 'r@c.x')).to.deep.equal({
      room: 'r@c.x',
      nick: '',
      stanzaId: '1',
      body: 'x',
      archived: true,
    });
    expect(parseArchivedMessage(as({ id: '1', item: { message: { body: 'x' } } }), 'not a room@@')).to.equal(undefined);
  });

  it('gives safe defaults for presences with missing attributes', () => {
    expect(parseOccupant(as({ from: 'r@c.x/n', muc: { statusCodes: 'lots' } }))).to.deep.equal({
      room: 'r@c.x',
      nick: 'n',
      role: 'none',
      affiliation: 'none',
      available: true,
      self: false,
    });
    expect(parseJoinError(as({ type: 'error', from: 'r@c.x/n' }))).to.deep.equal({
      room: 'r@c.x',
      condition: 'undefined-condition',
      reason: 'Could not join this room',
    });
  });

  it('skips room entries with missing or invalid JIDs', () => {
    const subs = parseSubscriptions(
      as<Stanzas.IQ>({
        type: 'result',
        mucsubSubscriptions: { subscriptions: [{}, { jid: 'bad jid' }, { jid: 'conference.x' }, { jid: 'ok@c.x', nick: 42 }] },
      }),
    );
    expect(subs).to.deep.equal([{ room: 'ok@c.x' }]);
    const rooms = parseGetRooms(as<Stanzas.IQ>({ type: 'result', getRooms: { rooms: [{ jid: 'a@c.x/res' }, { jid: 'b@c.x', usersCnt: '-3' }] } }));
    expect(rooms).to.deep.equal([{ room: 'b@c.x' }]);
    const info = parseRoomInfo(
      as<Stanzas.IQ>({ type: 'result', from: 'r@c.x', disco: { type: 'info', features: [1, 'f'], identities: [null], extensions: [null] } }),
    );
    expect(info).to.deep.equal({ room: 'r@c.x', features: ['f'] });
  });
});
