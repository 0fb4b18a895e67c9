import { expect } from '@open-wc/testing';
import type { TextField } from '../../../src/protocol/archive-search.js';
import type { HistoryPage } from '../../../src/protocol/room-requests.js';
import type { XmppConnection } from '../../../src/protocol/xmpp-connection.js';
import type { Link } from '../../../src/session/link.js';
import { ArchiveSearch, MemorySearch, mergeHits, queryTerms, termPattern, type SearchHit } from '../../../src/session/search.js';
import { highlight } from '../../../src/elements/text.js';
import type { ChatStore } from '../../../src/state/chat-store.js';
import type { WireMessage } from '../../../src/state/wire-events.js';
import { storeWithRoom } from '../../support/store.js';

const ROOM = 'lobby@conference.localhost';
const OTHER = 'design@conference.localhost';

let n = 0;
function wire(body: string, extra: Partial<WireMessage> = {}): WireMessage {
  n++;
  return { room: ROOM, nick: 'bob', body, stanzaId: `s${n}`, time: 1_000 + n, archived: true, senderJid: 'bob@localhost', ...extra };
}

function storeWith(messages: WireMessage[]): ChatStore {
  const store = storeWithRoom(ROOM);
  store.addRoom({ room: OTHER }, 'attribute', 'alice');
  for (const room of [ROOM, OTHER])
    store.applyHistoryPage(
      room,
      messages.filter((m) => m.room === room),
      [],
      true,
    );
  return store;
}

describe('search: queries', () => {
  it('takes at most five words of at most 100 characters', () => {
    expect(queryTerms('  a  b c d e f g ')).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(queryTerms('x'.repeat(300))[0]).to.have.length(100);
    expect(queryTerms('   ')).to.deep.equal([]);
  });

  it('matches a query as text, never as a pattern', () => {
    const p = termPattern(['a.b', '(x'])!;
    expect('axb'.search(p)).to.equal(-1);
    expect('A.B'.search(p)).to.equal(0);
    expect('((x'.search(p)).to.equal(1);
  });
});

describe('search: MemorySearch over the loaded messages', () => {
  it('finds messages with every word, case-insensitively, newest first, in every room or one', async () => {
    const store = storeWith([
      wire('the Blue whale'),
      wire('a blue sky'),
      wire('whale song in blue', { room: OTHER }),
      wire('system blue whale', { system: true }),
      wire('blue whale, deleted', { deleted: true }),
    ]);
    const search = new MemorySearch(store);
    const all = await search.search('WHALE blue', { limit: 10 });
    expect(all.map((h) => h.body)).to.deep.equal(['whale song in blue', 'the Blue whale']);
    expect(all[0]).to.deep.include({ room: OTHER, from: 'bob', author: 'bob' });
    expect((await search.search('whale blue', { room: ROOM, limit: 10 })).map((h) => h.body)).to.deep.equal(['the Blue whale']);
    expect(await search.search('blue', { limit: 1 })).to.have.length(1);
  });

  it('leaves out messages of blocked users', async () => {
    const store = storeWith([wire('hello from bob'), wire('hello from carol', { nick: 'carol', senderJid: 'carol@localhost' })]);
    store.applyBlocklist('block', ['carol@localhost']);
    expect((await new MemorySearch(store).search('hello', { limit: 10 })).map((h) => h.body)).to.deep.equal(['hello from bob']);
  });
});

describe('search: mergeHits', () => {
  const hit = (key: string, time: number, stanzaId?: string, room = ROOM): SearchHit => ({
    room,
    key,
    time,
    author: 'a',
    from: 'a',
    body: key,
    ...(stanzaId ? { stanzaId } : {}),
  });
  it('keeps each message once (by archive id, else key), newest first', () => {
    const merged = mergeHits([hit('k1', 1, 's1'), hit('k2', 3)], [hit('s1', 1, 's1'), hit('k2', 3), hit('k3', 2, 's3'), hit('k1', 5, 's1', OTHER)]);
    expect(merged.map((h) => `${h.room === OTHER ? 'other:' : ''}${h.key}`)).to.deep.equal(['other:k1', 'k2', 'k3', 'k1']);
  });
});

describe('search: ArchiveSearch', () => {
  interface Call {
    field: TextField;
    text: string;
    before?: string;
    max?: number;
  }
  function setup(options: { field?: TextField; answer: (call: Call) => WireMessage[]; complete?: boolean }) {
    const store = storeWith([wire('an old note about penguins')]);
    const calls: Call[] = [];
    let forms = 0;
    const conn = {
      archiveTextField: () => {
        forms++;
        return Promise.resolve(options.field);
      },
      searchArchive: (_room: string, field: TextField, text: string, o: { before?: string; max?: number }): Promise<HistoryPage> => {
        calls.push({ field, text, ...o });
        return Promise.resolve({ messages: options.answer({ field, text, ...o }), actions: [], complete: options.complete ?? true, first: 'first-id' });
      },
    } as unknown as XmppConnection;
    const link: Link = { store, conn: () => conn, online: () => conn, nick: () => 'alice', emit: () => undefined, cache: () => undefined };
    return { search: new ArchiveSearch(link), calls, forms: () => forms, store };
  }

  it('is not used where the form offers no text field', async () => {
    const { search, calls } = setup({ answer: () => [] });
    expect(await search.search(ROOM, 'penguins')).to.equal(undefined);
    expect(calls).to.deep.equal([]);
  });

  it('is not used where the field finds nothing for a word the archive has (ejabberd 23.01 on SQLite)', async () => {
    const { search, calls, forms } = setup({ field: 'withtext', answer: () => [] });
    expect(await search.search(ROOM, 'penguins')).to.equal(undefined);
    expect(await search.search(ROOM, 'other')).to.equal(undefined);
    expect(calls).to.deep.equal([{ field: 'withtext', text: 'penguins', max: 1 }]);
    expect(forms()).to.equal(1);
  });

  it('searches with the checked field: newest first, blocked senders left out, the next page named', async () => {
    const { search, calls, store } = setup({
      field: '{urn:xmpp:fulltext:0}fulltext',
      complete: false,
      answer: (c) =>
        c.max === 1
          ? [wire('penguins')]
          : [wire('older match'), wire('from mallory', { nick: 'm', senderJid: 'mallory@localhost' }), wire('newer match', { senderName: 'Bobby' })],
    });
    store.applyBlocklist('block', ['mallory@localhost']);
    const page = await search.search(ROOM, '  match  ', 'before-id', 20);
    expect(page!.hits.map((h) => h.body)).to.deep.equal(['newer match', 'older match']);
    expect(page!.hits[0]).to.deep.include({ room: ROOM, author: 'Bobby (bob)', from: 'bob' });
    expect(page!.next).to.equal('first-id');
    expect(calls[1]).to.deep.equal({ field: '{urn:xmpp:fulltext:0}fulltext', text: 'match', before: 'before-id', max: 20 });
  });
});

describe('search: highlight', () => {
  it('marks every match as a text part, around the first one', () => {
    expect(highlight('a <b>Cat</b> and a cat', termPattern(['cat']))).to.deep.equal([
      { text: 'a <b>', match: false },
      { text: 'Cat', match: true },
      { text: '</b> and a ', match: false },
      { text: 'cat', match: true },
    ]);
    const long = `${'x'.repeat(500)} needle ${'y'.repeat(500)}`;
    const parts = highlight(long, termPattern(['needle']));
    expect(parts[0].text.startsWith('…')).to.equal(true);
    expect(parts.find((p) => p.match)?.text).to.equal('needle');
    expect(parts.map((p) => p.text).join('').length).to.be.lessThan(200);
  });
});
