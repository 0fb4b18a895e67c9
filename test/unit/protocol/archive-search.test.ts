import { expect } from '@open-wc/testing';
import type { Stanzas } from 'stanza';
import { textFieldOf } from '../../../src/protocol/archive-search.js';
import { parse } from './fixtures.js';

const form = (fields: string): Stanzas.DataForm | undefined =>
  (
    parse<Stanzas.IQ>(
      `<iq xmlns="jabber:client" type="result" id="1" from="r@conference.localhost"><query xmlns="urn:xmpp:mam:2"><x type="form" xmlns="jabber:x:data"><field var="FORM_TYPE" type="hidden"><value>urn:xmpp:mam:2</value></field>${fields}</x></query></iq>`,
    ).archive as Stanzas.MAMQuery | undefined
  )?.form;

describe('archive search form', () => {
  it("finds ejabberd 23.01's withtext (its answer, as captured from the kit)", () => {
    const f = form(
      `<field var='with' type='jid-single' label='User JID'/><field var='start' type='text-single' label='Search from the date'/><field var='end' type='text-single' label='Search until the date'/><field var='withtext' type='text-single' label='Search the text'/>`,
    );
    expect(textFieldOf(f)).to.equal('withtext');
  });

  it("prefers XEP-0431's fulltext field", () => {
    expect(textFieldOf(form(`<field var="withtext" type="text-single"/><field var="{urn:xmpp:fulltext:0}fulltext" type="text-single"/>`))).to.equal(
      '{urn:xmpp:fulltext:0}fulltext',
    );
  });

  it("finds none in Prosody 0.12's form (with, start, end)", () => {
    expect(textFieldOf(form(`<field var="with" type="jid-single"/><field var="start" type="text-single"/><field var="end" type="text-single"/>`))).to.equal(
      undefined,
    );
    expect(textFieldOf(undefined)).to.equal(undefined);
  });
});
