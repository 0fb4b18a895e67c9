import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { cleanReactions, emojiMartId, isEmoji, MAX_REACTIONS, reactionFromWire } from '../../../src/protocol/emoji.js';
import { parseChatState, parseSubject } from '../../../src/protocol/parse-events.js';
import { parseReadState } from '../../../src/protocol/read-state.js';
import { fixture } from './fixtures.js';

const ROOM = 'lobby@conference.localhost';

describe('parseChatState', () => {
  it('reads Ethora typing with <data fullName>, composing and paused', async () => {
    expect(parseChatState(await fixture('groupchat-typing'))).to.deep.equal({ room: ROOM, nick: 'alice', state: 'composing', name: 'Alice Smith' });
    expect(parseChatState(await fixture('groupchat-paused'))).to.deep.equal({ room: ROOM, nick: 'alice', state: 'paused', name: 'Alice Smith' });
  });

  it('reads a standard chat state without a name', () => {
    expect(parseChatState({ type: 'groupchat', from: `${ROOM}/bob`, chatState: 'composing' })).to.deep.equal({ room: ROOM, nick: 'bob', state: 'composing' });
  });

  it('ignores the room itself, private chats and unknown states', () => {
    expect(parseChatState({ type: 'groupchat', from: ROOM, chatState: 'composing' })).to.equal(undefined);
    expect(parseChatState({ type: 'chat', from: `${ROOM}/bob`, chatState: 'composing' })).to.equal(undefined);
    expect(parseChatState({ type: 'groupchat', from: `${ROOM}/bob`, chatState: 'dancing' as Stanzas.Message['chatState'] })).to.equal(undefined);
    expect(parseChatState({ type: 'groupchat', from: `${ROOM}/bob`, body: 'hi' })).to.equal(undefined);
  });
});

describe('parseSubject', () => {
  it('reads a subject change and a cleared subject', async () => {
    expect(parseSubject(await fixture('groupchat-subject'))).to.deep.equal({ room: ROOM, nick: 'alice', subject: 'Welcome to the lobby' });
    const cleared = parseSubject(await fixture('groupchat-subject').then((m) => ({ ...m, subject: undefined, hasSubject: true })));
    expect(cleared).to.deep.equal({ room: ROOM, nick: 'alice', subject: '' });
  });

  it('is not a subject change when the message has a body', () => {
    expect(parseSubject({ type: 'groupchat', from: `${ROOM}/a`, subject: 'T', body: 'hi' })).to.equal(undefined);
    expect(parseSubject({ type: 'groupchat', from: `${ROOM}/a`, body: 'hi' })).to.equal(undefined);
  });
});

describe('parseReadState', () => {
  it('reads chatjson:store: numbers from strings or numbers, JIDs lower-cased, invalid entries left out', async () => {
    expect(parseReadState(await fixture<Stanzas.IQ>('private-chatjson'))).to.deep.equal({
      'lobby@conference.localhost': 1772618245224,
      'design@conference.localhost': 1772618245000,
      'random@conference.localhost': 0,
    });
  });

  it('gives {} for invalid JSON, non-objects and missing payloads', () => {
    for (const value of ['{', '[1,2]', 'null', '"x"', '', undefined]) {
      expect(parseReadState({ type: 'result', privateStorage: { chatjson: { value } } }), String(value)).to.deep.equal({});
    }
    expect(parseReadState({ type: 'result' })).to.deep.equal({});
    expect(parseReadState(undefined as unknown as Stanzas.IQ)).to.deep.equal({});
  });
});

describe('emoji table', () => {
  it('maps the emoji-mart ids of the common set to Unicode', () => {
    const ids = [
      '+1',
      '-1',
      'heart',
      'joy',
      'smile',
      'laughing',
      'open_mouth',
      'cry',
      'fire',
      'tada',
      'clap',
      'pray',
      'eyes',
      'thinking_face',
      'white_check_mark',
      'rocket',
      '100',
      'ok_hand',
      'wave',
      'heart_eyes',
    ];
    const mapped = ids.map(reactionFromWire);
    expect(
      mapped.every((e) => e !== undefined && isEmoji(e)),
      mapped.join(' '),
    ).to.equal(true);
    expect(new Set(mapped).size).to.equal(ids.length);
    expect(mapped.slice(0, 3)).to.deep.equal(['👍', '👎', '❤️']);
  });

  it('maps Unicode back to the emoji-mart id (with or without VS16), else passes it through', () => {
    expect(emojiMartId('👍')).to.equal('+1');
    expect(emojiMartId('❤')).to.equal('heart');
    expect(emojiMartId('❤️')).to.equal('heart');
    expect(emojiMartId('🦄')).to.equal('🦄');
  });

  it('passes emoji sequences through, keeps short unknown ids as text, drops the rest', () => {
    expect(reactionFromWire('👨‍👩‍👧‍👦')).to.equal('👨‍👩‍👧‍👦');
    expect(reactionFromWire('🇫🇷')).to.equal('🇫🇷');
    expect(reactionFromWire('👍🏽')).to.equal('👍🏽');
    expect(reactionFromWire('party_parrot')).to.equal('party_parrot');
    for (const bad of ['👍 lol', '<img src=x>', 'a'.repeat(33), '🔥'.repeat(11), '', '   ', 5, null]) {
      expect(reactionFromWire(bad), String(bad)).to.equal(undefined);
    }
  });

  it('dedupes (also across VS16) and caps a hostile list', () => {
    expect(cleanReactions(['👍', '+1', '❤', '❤️', 'heart'])).to.deep.equal(['👍', '❤']);
    const huge = Array.from({ length: 5000 }, (_, i) => String.fromCodePoint(0x1f400 + (i % 200)));
    expect(cleanReactions(huge)).to.have.length(MAX_REACTIONS);
    expect(cleanReactions('👍')).to.deep.equal([]);
  });
});
