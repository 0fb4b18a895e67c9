import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { fixture, parse, serialise } from './fixtures.js';

describe('JXT: standard XEPs StanzaJS lacks', () => {
  it('XEP-0424 retract:1, and the older fasten form', async () => {
    expect((await fixture('groupchat-retract')).retract).to.deep.equal({ id: '1727188885290611', moderated: undefined });
    expect((await fixture('groupchat-retract-fasten')).applyTo).to.deep.equal({ id: '1727188885290611', retract: true, moderated: undefined });
  });

  it('XEP-0425 moderated inside retract:1 (reason beside it) and inside apply-to (reason inside)', async () => {
    expect((await fixture('groupchat-moderated')).retract?.moderated).to.deep.equal({ by: 'lobby@conference.localhost/carol', reason: 'Spam' });
    expect((await fixture('groupchat-moderated-fasten')).applyTo).to.deep.equal({
      id: '1727188885290611',
      retract: true,
      moderated: { by: 'lobby@conference.localhost/carol', reason: 'Off topic' },
    });
  });

  it("XEP-0444 reactions with Ethora's extra from attribute", async () => {
    expect((await fixture('groupchat-ethora-reactions')).reactions).to.deep.equal({
      id: '1727188885290611',
      from: 'alice@localhost/web-7',
      values: ['+1', 'heart', 'thinking_face', 'custom_party'],
    });
  });

  it('XEP-0461 reply and XEP-0428 fallbacks (with and without ranges)', async () => {
    const msg = await fixture('groupchat-reply');
    expect(msg.reply).to.deep.equal({ id: '1727188885290611', to: 'lobby@conference.localhost/anna' });
    expect(msg.fallbacks).to.deep.equal([{ for: 'urn:xmpp:reply:0', bodies: [{ start: 0, end: 40 }] }]);
    expect((await fixture('groupchat-retract')).fallbacks).to.deep.equal([{ for: 'urn:xmpp:message-retract:1', bodies: [] }]);
    const odd = parse(`<message xmlns="jabber:client"><fallback xmlns="urn:xmpp:fallback:0" for="x"><body start="-1" end="9999999999"/></fallback></message>`);
    expect(odd.fallbacks).to.deep.equal([{ for: 'x', bodies: [{ start: undefined, end: undefined }] }]);
  });

  it('archive tombstones of both generations', async () => {
    expect((await fixture('mam-tombstone-moderated')).archive?.item.message?.retracted).to.deep.equal({
      moderated: { by: 'lobby@conference.localhost/carol', reason: 'This message contains inappropriate content for this forum' },
    });
    expect((await fixture('mam-tombstone-retracted')).archive?.item.message?.retracted).to.deep.equal({});
    expect((await fixture('groupchat-retract')).retracted).to.equal(undefined);
  });

  it('exports what the encoders use, in the right namespaces', () => {
    const xml = serialise('message', {
      to: 'r@c.x',
      retract: { id: 'S1' },
      reactions: { id: 'S1', values: ['👍'] },
      reply: { id: 'S1', to: 'r@c.x/a' },
      fallbacks: [{ for: 'urn:xmpp:reply:0', bodies: [{ start: 0, end: 3 }] }],
    });
    expect(xml).to.include('<retract xmlns="urn:xmpp:message-retract:1" id="S1"/>');
    expect(xml).to.include('<reactions xmlns="urn:xmpp:reactions:0" id="S1"><reaction>👍</reaction></reactions>');
    expect(xml).to.include('<reply xmlns="urn:xmpp:reply:0" id="S1" to="r@c.x/a"/>');
    expect(xml).to.include('<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="3"/></fallback>');
    // Receive-only shapes are never written.
    expect(serialise('message', { to: 'r@c.x', applyTo: { id: 'x', retract: true }, retracted: {} })).to.equal('<message xmlns="jabber:client" to="r@c.x"/>');
  });
});

describe('JXT: Ethora action shapes', () => {
  it('<replace id text/> without namespace sits beside XEP-0308 <replace>', async () => {
    const msg = await fixture('groupchat-edit-both');
    expect(msg.ethoraReplace).to.deep.equal({ id: '1727188885290611', text: 'Ethora text wins' });
    expect(msg.replace).to.equal('send-text-message-6f1c');
    expect((await fixture('groupchat-correction')).ethoraReplace).to.equal(undefined);
  });

  it('<delete id/> with Ethora\'s <body xmlns="wow"/>, which is no body', async () => {
    const msg = await fixture('groupchat-ethora-delete');
    expect(msg.ethoraDelete).to.deep.equal({ id: '1727188885290611' });
    expect(msg.body).to.equal(undefined);
    expect(serialise('message', { to: 'r@c.x', ethoraDelete: { id: 'S1' } })).to.include('<body xmlns="wow"/><delete xmlns="jabber:client" id="S1"/>');
  });

  it('ignores <replace>/<delete> in foreign namespaces', () => {
    const msg = parse(`<message xmlns="jabber:client"><delete xmlns="urn:other" id="x"/><replace xmlns="urn:other" id="y" text="z"/></message>`);
    expect(msg.ethoraDelete).to.equal(undefined);
    expect(msg.ethoraReplace).to.equal(undefined);
    expect(parse(`<message xmlns="jabber:client"><delete xmlns="" id="x"/></message>`).ethoraDelete).to.deep.equal({ id: 'x' });
  });

  it('<deleted/> and <replaced/> archive markers', async () => {
    expect((await fixture('mam-ethora-deleted')).archive?.item.message?.ethoraDeleted).to.deep.equal({ timestamp: '1727188999000' });
    expect((await fixture('mam-ethora-replaced')).archive?.item.message?.ethoraReplaced).to.deep.equal({ timestamp: '1727188999000' });
  });

  it('reads attributes named like prototype members without reaching the prototype', () => {
    const msg = parse(`<message xmlns="jabber:client"><replace toString="1" text="t"/><reactions xmlns="urn:xmpp:reactions:0"/></message>`);
    expect(msg.ethoraReplace).to.deep.equal({ id: undefined, text: 't' });
    const noId = parse(`<message xmlns="jabber:client"><delete/></message>`);
    expect(noId.ethoraDelete).to.deep.equal({ id: undefined });
  });

  it('chatjson:store in private storage: result and request', async () => {
    const iq = await fixture<Stanzas.IQ>('private-chatjson');
    expect(iq.privateStorage?.chatjson?.value).to.be.a('string').and.include('"lobby@conference.localhost":"1772618245224"');
    expect(serialise('iq', { type: 'get', id: 'g', privateStorage: { chatjson: {} } })).to.include(
      '<query xmlns="jabber:iq:private"><chatjson xmlns="chatjson:store"/></query>',
    );
    const set = serialise('iq', { type: 'set', id: 's', privateStorage: { chatjson: { value: '{"a@c.x":"1"}' } } });
    expect(set).to.include('<chatjson xmlns="chatjson:store" value="{&quot;a@c.x&quot;:&quot;1&quot;}"/>');
  });
});
