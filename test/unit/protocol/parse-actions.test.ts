import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { parseAction, parseArchivedAction } from '../../../src/protocol/parse-actions.js';
import { parseArchivedMessage, parseRoomMessage } from '../../../src/protocol/parse-message.js';
import { fixture } from './fixtures.js';

const ROOM = 'lobby@conference.localhost';
const TARGET = '1727188885290611';

async function live(name: string) {
  const msg = await fixture(name);
  // An action is never also a message, whatever body it carries.
  expect(parseRoomMessage(msg), `${name} is not a message`).to.equal(undefined);
  return parseAction(msg);
}

async function archived(name: string) {
  const result = (await fixture(name)).archive!;
  expect(parseArchivedMessage(result, ROOM), `${name} is not a message`).to.equal(undefined);
  return parseArchivedAction(result, ROOM);
}

describe('parseAction: retractions', () => {
  it('reads XEP-0424 (retract:1) naming the stanza-id, ignoring its fallback body', async () => {
    expect(await live('groupchat-retract')).to.deep.equal({
      kind: 'retraction',
      retraction: { room: ROOM, nick: 'alice', stanzaId: '1727188885290900', targetId: TARGET },
    });
  });

  it('reads the older apply-to / retract:0 form', async () => {
    const a = await live('groupchat-retract-fasten');
    expect(a?.kind === 'retraction' && a.retraction).to.deep.include({ nick: 'alice', targetId: TARGET });
  });

  it('reads an Ethora delete (id deleteMessageStanza, <body xmlns="wow"/>, <delete id>)', async () => {
    expect(await live('groupchat-ethora-delete')).to.deep.equal({
      kind: 'retraction',
      retraction: { room: ROOM, nick: 'alice', stanzaId: '1727188885290904', targetId: TARGET },
    });
    // Ethora's docs show <body>wow</body>: that text must not appear as a message either.
    const wow = await live('groupchat-ethora-delete-wow-text');
    expect(wow?.kind).to.equal('retraction');
  });

  it('reads XEP-0425 moderation from the room, both generations, with who and why', async () => {
    const v1 = await live('groupchat-moderated');
    expect(v1?.kind === 'retraction' && v1.retraction).to.deep.equal({
      room: ROOM,
      nick: '',
      stanzaId: '1727188885290902',
      targetId: TARGET,
      moderated: { by: `${ROOM}/carol`, reason: 'Spam' },
    });
    const v0 = await live('groupchat-moderated-fasten');
    expect(v0?.kind === 'retraction' && v0.retraction).to.deep.equal({
      room: ROOM,
      nick: '',
      targetId: TARGET,
      moderated: { by: `${ROOM}/carol`, reason: 'Off topic' },
    });
  });

  it('drops a "moderation" sent by an occupant instead of the room', async () => {
    expect(await live('groupchat-moderated-forged')).to.equal(undefined);
    expect(await archived('mam-moderated-forged')).to.equal(undefined);
  });

  it('reads archived retractions of both dialects and an archived moderation', async () => {
    expect(await archived('mam-retract')).to.deep.equal({
      kind: 'retraction',
      retraction: {
        room: ROOM,
        nick: 'stan',
        senderJid: 'stan@localhost',
        stanzaId: '1727188885290921',
        time: Date.parse('2024-09-24T14:45:00Z'),
        targetId: TARGET,
      },
    });
    const del = await archived('mam-ethora-delete');
    expect(del?.kind === 'retraction' && del.retraction).to.deep.include({ nick: 'ethel', targetId: TARGET, stanzaId: '1727188885290922' });
    const mod = await archived('mam-moderated');
    expect(mod?.kind === 'retraction' && mod.retraction.moderated).to.deep.equal({ by: `${ROOM}/carol`, reason: 'Off topic' });
  });

  it('drops retractions without a target id', () => {
    const base = { type: 'groupchat' as const, from: `${ROOM}/alice` };
    expect(parseAction({ ...base, retract: {} })).to.equal(undefined);
    expect(parseAction({ ...base, ethoraDelete: { id: '' } })).to.equal(undefined);
    expect(parseAction({ ...base, applyTo: { retract: true } })).to.equal(undefined);
    expect(parseRoomMessage({ ...base, retract: {}, body: 'fallback' })).to.equal(undefined);
  });
});

describe('parseAction: edits', () => {
  it('reads an XEP-0308 correction (target = the original id) live and archived', async () => {
    expect(await live('groupchat-correction')).to.deep.equal({
      kind: 'edit',
      edit: { room: ROOM, nick: 'alice', stanzaId: '1727188885290905', targetId: 'send-text-message-6f1c', body: 'Hello, fixed' },
    });
    const a = await archived('mam-correction');
    expect(a?.kind === 'edit' && a.edit).to.deep.include({ nick: 'stan', targetId: 's-text-1', body: 'hello from standard (edited)' });
  });

  it('reads an Ethora <replace id text/> (no body, no namespace) live and archived', async () => {
    expect(await live('groupchat-ethora-edit')).to.deep.equal({
      kind: 'edit',
      edit: { room: ROOM, nick: 'alice', targetId: TARGET, body: 'Hello, edited the Ethora way' },
    });
    const a = await archived('mam-ethora-edit');
    expect(a?.kind === 'edit' && a.edit).to.deep.include({ nick: 'ethel', targetId: TARGET, body: 'hello from ethora (edited)' });
  });

  it('prefers the Ethora form (archive id) when both forms are present', async () => {
    const a = await live('groupchat-edit-both');
    expect(a?.kind === 'edit' && a.edit).to.deep.include({ targetId: TARGET, body: 'Ethora text wins' });
  });

  it('drops edits to empty text or without a target', () => {
    const base = { type: 'groupchat' as const, from: `${ROOM}/alice` };
    expect(parseAction({ ...base, replace: 'x', body: '   ' })).to.equal(undefined);
    expect(parseAction({ ...base, ethoraReplace: { id: 'x', text: '' } })).to.equal(undefined);
    expect(parseAction({ ...base, ethoraReplace: { text: 'no id' } })).to.equal(undefined);
    expect(parseRoomMessage({ ...base, replace: 'x', body: '   ' })).to.equal(undefined);
  });
});

describe('parseAction: reactions', () => {
  it('reads XEP-0444 Unicode reactions', async () => {
    expect(await live('groupchat-reactions')).to.deep.equal({
      kind: 'reactions',
      reactions: { room: ROOM, nick: 'bob', stanzaId: '1727188885290906', targetId: TARGET, emojis: ['👍', '🐢'] },
    });
  });

  it('maps Ethora emoji-mart ids to Unicode, keeps unknown ids as text, ignores the claimed from', async () => {
    const a = await live('groupchat-ethora-reactions');
    expect(a).to.deep.equal({
      kind: 'reactions',
      reactions: { room: ROOM, nick: 'bob', stanzaId: '1727188885290907', targetId: TARGET, emojis: ['👍', '❤️', '🤔', 'custom_party'] },
    });
  });

  it('reads archived Ethora reactions and reactions delivered by MucSub', async () => {
    const a = await archived('mam-ethora-reactions');
    expect(a?.kind === 'reactions' && a.reactions).to.deep.include({ nick: 'ethel', targetId: TARGET, emojis: ['👍', '🔥', '🦄'] });
    const m = parseAction(await fixture('mucsub-reactions'));
    expect(m?.kind === 'reactions' && m.reactions).to.deep.include({ nick: 'bob', stanzaId: '1727188885290930', emojis: ['👏'] });
  });

  it('passes an empty set through (all reactions withdrawn) and drops a missing target', () => {
    const base = { type: 'groupchat' as const, from: `${ROOM}/bob` };
    const empty = parseAction({ ...base, reactions: { id: TARGET } });
    expect(empty?.kind === 'reactions' && empty.reactions.emojis).to.deep.equal([]);
    expect(parseAction({ ...base, reactions: { values: ['👍'] } })).to.equal(undefined);
  });
});

describe('parseAction: what it does not concern', () => {
  it('returns undefined for plain messages, chat states, non-groupchat and forged wrappers', async () => {
    for (const name of ['groupchat-data-jabber-client', 'groupchat-typing', 'groupchat-reply', 'mucsub-forged-wrapper', 'groupchat-subject']) {
      expect(parseAction(await fixture(name)), name).to.equal(undefined);
    }
    expect(parseAction({ type: 'chat', from: `${ROOM}/bob`, reactions: { id: TARGET, values: ['👍'] } })).to.equal(undefined);
    expect(parseArchivedAction((await fixture('mam-result')).archive!, ROOM)).to.equal(undefined);
  });

  it('never throws on garbage', () => {
    const junk: unknown[] = [undefined, null, 1, 'x', {}, { type: 'groupchat', from: `${ROOM}/a`, retract: 5, reactions: 'no' }];
    for (const j of junk) {
      expect(parseAction(j as Stanzas.Message)).to.equal(undefined);
      expect(parseArchivedAction(j as Stanzas.MAMResult, ROOM)).to.equal(undefined);
    }
  });
});
