import { expect } from '@open-wc/testing';
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';
import original from 'stanza-original-parser';
import { GenState, StanzaGen } from '../../fuzz/gen-stanza.js';
import { FIXTURES, loadFixtures, mutate } from '../../fuzz/mutate.js';
import { Rng } from '../../fuzz/prng.js';
import { client } from '../../support/stanza-feed.js';

// The script parses each WebSocket frame with the browser's DOMParser (src/platform/xml-parser.ts),
// not StanzaJS's parser in JavaScript; the tests' StanzaJS is the script's (build/stanza-build.mjs).
const ROOM = 'lobby@conference.localhost';
const MESSAGE = `<message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob" id="m1"><body>hi &amp; bye</body></message>`;

// StanzaJS's parser as the script had it: duplicate attributes found by own property, not `!== undefined`
// (which took an attribute named `toString` for a duplicate and ended the stream).
original.default.prototype.addAttribute = function addAttribute() {
  const name = this.endRecord();
  if (Object.prototype.hasOwnProperty.call(this.attributes, name)) return this.notWellFormed();
  this.attributeName = name;
  this.attributes[name] = '';
};

/** A stream parser as StanzaJS's WebSocket transport makes one, with what it emits. */
function stream() {
  const parser = new Stanza.JXT.StreamParser({ registry: client.stanzas, wrappedStream: false, acceptLanguages: [], allowComments: false });
  const data: { kind: string; stanza: Record<string, unknown> }[] = [];
  const errors: { condition?: string }[] = [];
  parser.on('data', (e: { kind: string; stanza: Record<string, unknown> }) => data.push(e));
  parser.on('error', (e: { condition?: string }) => errors.push(e));
  return { write: (frame: string) => parser.write(frame), data, errors };
}

/** Element, attributes and text as a plain tree (adjacent text pieces joined). */
function plain(el: JXT.XMLElement): unknown {
  const children: unknown[] = [];
  let text = '';
  for (const child of el.children) {
    if (typeof child === 'string') text += child;
    else {
      if (text) children.push(text);
      text = '';
      children.push(plain(child));
    }
  }
  if (text) children.push(text);
  return { name: el.name, attributes: { ...el.attributes }, children };
}

const ours = (xml: string) => Stanza.JXT.parse(xml);
const theirs = (xml: string) => original.parse(xml);

/** The tree a parser makes, or the condition it fails with. */
function outcome(parse: (xml: string) => JXT.XMLElement, xml: string): unknown {
  let el: JXT.XMLElement;
  try {
    el = parse(xml);
  } catch (e) {
    return (e as { condition?: string }).condition ?? String(e);
  }
  return depth(el) > 100 ? 'deeper than 100' : plain(el);
}

/** How deep elements nest (without recursion). */
function depth(root: JXT.XMLElement): number {
  let max = 0;
  const stack: [JXT.XMLElement, number][] = [[root, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [el, d] = next;
    max = Math.max(max, d);
    for (const child of el.children) if (typeof child !== 'string') stack.push([child, d + 1]);
  }
  return max;
}

describe('the XML parser: the browser’s, one frame at a time', () => {
  it('is not StanzaJS’s parser in JavaScript', () => {
    expect(Stanza.JXT.Parser).to.equal(undefined);
    expect(String(Stanza.JXT.parse)).to.not.contain('codePointAt');
  });

  it('gives the stream open and close, and stanzas, as StanzaJS’s transport expects them', () => {
    const s = stream();
    s.write(`<?xml version='1.0'?><open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="s1" version="1.0" xml:lang="en"/>`);
    s.write(MESSAGE);
    s.write('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
    expect(s.data.map((e) => [e.kind, e.stanza.action ?? e.stanza.body])).to.deep.equal([
      ['stream', 'open'],
      ['message', 'hi & bye'],
      ['stream', 'close'],
    ]);
    expect(s.errors).to.deep.equal([]);
  });

  it('reads a frame of several elements, and a frame of whitespace, as StanzaJS’s parser did', () => {
    const s = stream();
    s.write(' \n');
    s.write(`${MESSAGE} ${MESSAGE.replace('hi &amp; bye', 'two')}`);
    expect(s.data.map((e) => e.stanza.body)).to.deep.equal(['hi & bye', 'two']);
    expect(s.errors).to.deep.equal([]);
  });

  it('refuses a DOCTYPE without expanding its entities, an XML bomb included (RFC 6120 §11.1)', () => {
    const bomb =
      '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
      `]><message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>&lol9;</body></message>`;
    const entity = `<!DOCTYPE m [<!ENTITY x "expanded">]><message xmlns="jabber:client" type="groupchat" from="${ROOM}/bob"><body>&x;</body></message>`;
    for (const frame of [bomb, entity]) {
      const s = stream();
      s.write(frame);
      expect(s.errors.map((e) => e.condition)).to.deep.equal(['not-well-formed']);
      // The stream is over: nothing after the error is read.
      s.write(MESSAGE);
      expect(s.data).to.deep.equal([]);
      expect(() => Stanza.JXT.parse(frame)).to.throw();
    }
  });

  it('refuses comments and processing instructions (restricted-xml), and any XML error (not-well-formed)', () => {
    const cases: [string, string][] = [
      [`<message xmlns="jabber:client"><!-- hi --><body>x</body></message>`, 'restricted-xml'],
      [`<!-- hi -->${MESSAGE}`, 'restricted-xml'],
      [`<message xmlns="jabber:client"><?php echo 1; ?></message>`, 'restricted-xml'],
      [`<?xml-stylesheet href="x"?>${MESSAGE}`, 'restricted-xml'],
      ['<message xmlns="jabber:client" a="1" a="2"/>', 'not-well-formed'],
      ['<message xmlns="jabber:client"><body>&nbsp;</body></message>', 'not-well-formed'],
      ['<message xmlns="jabber:client"><body>x</message>', 'not-well-formed'],
      ['<message xmlns="jabber:client"><body>half', 'not-well-formed'],
    ];
    for (const [frame, condition] of cases) {
      const s = stream();
      s.write(frame);
      expect(
        s.errors.map((e) => e.condition),
        frame,
      ).to.deep.equal([condition]);
      expect(s.data, frame).to.deep.equal([]);
    }
  });

  it('is not fooled by a stanza that holds a <parsererror> of its own', () => {
    const s = stream();
    for (const ns of ['http://www.w3.org/1999/xhtml', 'http://www.mozilla.org/newlayout/xml/parsererror.xml'])
      s.write(MESSAGE.replace('</body>', `</body><parsererror xmlns="${ns}"><h3>This page contains the following errors:</h3></parsererror>`));
    expect(s.data.map((e) => e.stanza.body)).to.deep.equal(['hi & bye', 'hi & bye']);
    expect(s.errors).to.deep.equal([]);
  });

  it('keeps attributes named like Object.prototype members, and refuses their duplicates', () => {
    const xml = '<message xmlns="jabber:client"><data toString="1" constructor="2" valueOf="3" __proto__="4" hasOwnProperty="5"/></message>';
    const data = Stanza.JXT.parse(xml).getChild('data')!;
    expect(data.attributes).to.deep.equal({ toString: '1', constructor: '2', valueOf: '3', hasOwnProperty: '5' });
    expect(Object.getPrototypeOf(data.attributes)).to.equal(Object.prototype);
    expect(() => Stanza.JXT.parse('<data toString="1" toString="2"/>')).to.throw();
  });

  it("keeps line breaks and tabs written in attribute values, as StanzaJS's parser did (a multi-line Ethora edit)", () => {
    const xml = `<message xmlns="jabber:client" type="groupchat"\n  id="e1"><replace id="s1" text="line 1\nline 2\r\n\tend"/><body a='x>"y\n'>one\ntwo</body></message>`;
    const el = Stanza.JXT.parse(xml);
    expect(el.attributes.id).to.equal('e1');
    expect(el.getChild('replace')!.attributes.text).to.equal('line 1\nline 2\r\n\tend');
    expect(el.getChild('body')!.attributes.a).to.equal('x>"y\n');
    expect(el.getChild('body')!.getText()).to.equal('one\ntwo');
    expect(plain(el)).to.deep.equal(plain(theirs(xml)));
  });

  it('reads a frame with thousands of attributes and a megabyte of text', () => {
    const attrs = Array.from({ length: 5000 }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(Object.keys(Stanza.JXT.parse(`<data xmlns="x" ${attrs}/>`).attributes)).to.have.length(5001);
    const body = 'x&amp;'.repeat(200_000);
    const s = stream();
    s.write(MESSAGE.replace('hi &amp; bye', body));
    expect((s.data[0].stanza.body as string).length).to.equal(400_000);
  });

  it('makes the trees StanzaJS’s parser made, for every protocol fixture', async () => {
    const others = [
      'disco-info-room',
      'getrooms-result',
      'groupchat-system-room',
      'mucsub-subscriptions',
      'presence-self-shutdown',
      'private-chatjson',
      'room-last-result',
    ];
    const names = [...FIXTURES, ...others];
    const frames = await loadFixtures();
    for (const name of names.slice(FIXTURES.length)) frames.push((await (await fetch(`/test/fixtures/protocol/${name}.xml`)).text()).trim());
    for (const [i, xml] of frames.entries()) expect(outcome(ours, xml), names[i]).to.deep.equal(outcome(theirs, xml));
  });

  it('makes the trees StanzaJS’s parser made for generated and mutated stanzas, or both refuse them', async () => {
    const fixtures = await loadFixtures();
    const rng = new Rng(20261204);
    const gen = new StanzaGen(rng, new GenState(Date.UTC(2026, 11, 4)));
    const diffs: string[] = [];
    let deep = 0;
    for (let i = 0; i < 3000; i++) {
      // As a WebSocket text frame (UTF-8) has it: no lone surrogate (the generator makes some; DOMParser reads them as U+FFFD).
      const xml = (i % 3 === 0 ? mutate(rng, rng.pick(fixtures)) : gen.next()).replace(/\p{Cs}/gu, '\ufffd');
      const [a, b] = [outcome(ours, xml), outcome(theirs, xml)];
      // Too deep a frame is refused before it is parsed: StanzaJS's tree of it was never imported.
      if (b === 'deeper than 100') deep++;
      if (typeof a === 'string' && typeof b === 'string') continue;
      if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(JSON.stringify([xml, a, b]));
    }
    expect(diffs.slice(0, 3)).to.deep.equal([]);
    expect(deep, 'frames too deep').to.be.greaterThan(0);
  });
});
