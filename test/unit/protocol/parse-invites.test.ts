import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseConfigChange } from '../../../src/protocol/parse-events.js';
import { parseDestroyed, parseInvite } from '../../../src/protocol/parse-invites.js';
import { parse } from './fixtures.js';

const ROOM = 'team@conference.localhost';
const MUC_USER = 'http://jabber.org/protocol/muc#user';

describe('parseInvite', () => {
  it('reads an XEP-0045 mediated invite as ejabberd sends it (with its legacy XEP-0249 copy)', () => {
    const m = parse(`<message xmlns="jabber:client" from="${ROOM}" to="bob@localhost/web">
      <x xmlns="${MUC_USER}"><invite from="alice@localhost/web"><reason>join us</reason></invite><password>pw</password></x>
      <x xmlns="jabber:x:conference" jid="${ROOM}" reason="join us"/>
      <body>alice@localhost/web invites you to the room ${ROOM}</body></message>`);
    expect(parseInvite(m)).to.deep.equal({ room: ROOM, from: 'alice@localhost', kind: 'mediated', reason: 'join us', password: 'pw' });
  });

  it('reads an XEP-0249 direct invite from a user', () => {
    const m = parse(`<message xmlns="jabber:client" from="alice@localhost/web" to="bob@localhost">
      <x xmlns="jabber:x:conference" jid="Team@Conference.localhost" reason="come"/></message>`);
    expect(parseInvite(m)).to.deep.equal({ room: ROOM, from: 'alice@localhost', kind: 'direct', reason: 'come' });
  });

  it('ignores forged and broken invites', () => {
    const fromOccupant = parse(`<message xmlns="jabber:client" from="${ROOM}/mallory"><x xmlns="${MUC_USER}"><invite from="alice@localhost"/></x></message>`);
    expect(parseInvite(fromOccupant), 'a mediated invite comes from the bare room').to.equal(undefined);
    const noRoom = parse(`<message xmlns="jabber:client" from="alice@localhost/web"><x xmlns="jabber:x:conference" jid="not a jid"/></message>`);
    expect(parseInvite(noRoom)).to.equal(undefined);
    const groupchat = parse(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/a"><x xmlns="jabber:x:conference" jid="${ROOM}"/></message>`);
    expect(parseInvite(groupchat)).to.equal(undefined);
    expect(parseInvite({ from: ROOM, muc: { type: 'info', invite: [{ from: 'bad jid' }] } })).to.equal(undefined);
    expect(parseInvite(null as unknown as Stanzas.Message)).to.equal(undefined);
    // A bidi override or a zero-width character is never in a JID: such a "room" would read
    // differently on screen than it is.
    const reversed = parse(
      `<message xmlns="jabber:client" from="mallory@localhost/x"><x xmlns="jabber:x:conference" jid="\u202emoc.knab@conference.localhost"/></message>`,
    );
    expect(parseInvite(reversed)).to.equal(undefined);
    const hidden = parse(`<message xmlns="jabber:client" from="${ROOM}"><x xmlns="${MUC_USER}"><invite from="ali\u200bce@localhost"/></x></message>`);
    expect(parseInvite(hidden)).to.equal(undefined);
  });

  it('caps a huge reason', () => {
    const m = parse(
      `<message xmlns="jabber:client" from="alice@localhost"><x xmlns="jabber:x:conference" jid="${ROOM}" reason="${'x'.repeat(5000)}"/></message>`,
    );
    expect(parseInvite(m)!.reason!.length).to.equal(500);
  });
});

describe('parseDestroyed', () => {
  it('reads the unavailable presence that tells occupants the room was destroyed', () => {
    const p = parse<Stanzas.Presence>(`<presence xmlns="jabber:client" type="unavailable" from="${ROOM}/bob">
      <x xmlns="${MUC_USER}"><item affiliation="none" role="none"/><destroy jid="new@conference.localhost"><reason>moved</reason></destroy><status code="110"/></x></presence>`);
    expect(parseDestroyed(p)).to.deep.equal({ room: ROOM, reason: 'moved', alternate: 'new@conference.localhost' });
    const plainLeave = parse<Stanzas.Presence>(
      `<presence xmlns="jabber:client" type="unavailable" from="${ROOM}/bob"><x xmlns="${MUC_USER}"><item role="none"/></x></presence>`,
    );
    expect(parseDestroyed(plainLeave)).to.equal(undefined);
  });
});

describe('parseConfigChange', () => {
  it('reads status 104 from the room itself, as ejabberd sends it', () => {
    const m = parse(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}"><x xmlns="${MUC_USER}"><status code="104"/></x></message>`);
    expect(parseConfigChange(m)).to.deep.equal({ room: ROOM });
  });

  it('ignores an occupant claiming it', () => {
    const m = parse(`<message xmlns="jabber:client" type="groupchat" from="${ROOM}/mallory"><x xmlns="${MUC_USER}"><status code="104"/></x></message>`);
    expect(parseConfigChange(m)).to.equal(undefined);
  });
});
