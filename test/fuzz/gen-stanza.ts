/**
 * Random stanzas as XML text, the way they arrive off the wire. The generator remembers the
 * ids and authors it has used, so that actions, replies and duplicates hit real targets (as
 * well as unknown ones), and mixes legitimate shapes with forged and malformed ones.
 */
import type { Rng } from './prng.js';
import { NS, SPECIAL_IDS, dataBag, noise, reactionList } from './gen-parts.js';
import { INVALID_JIDS, ME, MY_NICK, NICKS, OTHER, ROOM, STRANGER, URLS, attr, body, esc, stamp, text } from './pools.js';

/** What the generator remembers between stanzas. */
export class GenState {
  counter = 0;
  /** Ids already used, with the nick that used them: targets for actions and duplicates. */
  readonly ids: Array<{ id: string; nick: string }> = [];
  /** Ids of messages "we" sent (pending in the store), which echoes and error bounces refer to. */
  readonly ours: string[] = [];
  constructor(readonly now: number) {}

  remember(id: string, nick: string): void {
    this.ids.push({ id, nick });
    if (this.ids.length > 400) this.ids.splice(0, 100);
  }
}

export class StanzaGen {
  constructor(
    private readonly rng: Rng,
    private readonly s: GenState,
  ) {}

  /** One stanza of any kind. */
  next(): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [30, () => this.groupchat()],
      [28, () => this.action()],
      [7, () => this.signal()],
      [7, () => this.mucsub()],
      [6, () => this.mam()],
      [3, () => this.error()],
      [10, () => this.presence()],
      [1, () => this.deep()],
    ])();
  }

  private nick(): string {
    return this.rng.pick(NICKS);
  }

  /** A `from`: mostly an occupant of ROOM, sometimes the room, another room, or garbage. */
  from(nick = this.nick()): string {
    const r = this.rng;
    return r.weighted<() => string>([
      [72, () => (nick ? `${ROOM}/${nick}` : ROOM)],
      [6, () => ROOM],
      [8, () => `${OTHER}/${nick || 'x'}`],
      [3, () => `${STRANGER}/${nick || 'x'}`],
      [3, () => `${ROOM.toUpperCase()}/${nick || 'x'}`],
      [2, () => `bob@localhost/phone`],
      [6, () => r.pick(INVALID_JIDS)],
    ])();
  }

  /** A new id, or (to make duplicates) one already seen. */
  private id(nick: string): string {
    const r = this.rng;
    if (r.chance(0.06) && this.s.ids.length) return r.pick(this.s.ids).id;
    if (r.chance(0.02)) return r.pick(SPECIAL_IDS);
    const id = `${++this.s.counter}`;
    this.s.remember(id, nick);
    return id;
  }

  /** A target for an action or reply: a known id (and, half the time, its author), else unknown. */
  private target(): { id: string; nick: string } {
    const r = this.rng;
    if (this.s.ids.length && r.chance(0.75)) {
      const t = r.pick(this.s.ids);
      return { id: t.id, nick: r.chance(0.55) ? t.nick : this.nick() };
    }
    if (this.s.ours.length && r.chance(0.2)) return { id: r.pick(this.s.ours), nick: r.chance(0.5) ? MY_NICK : this.nick() };
    return { id: r.chance(0.5) ? `unknown-${r.int(0, 1e6)}` : r.pick(SPECIAL_IDS), nick: this.nick() };
  }

  /** Ids, time and the room's real-JID item: the envelope parts every room message may have. */
  private envelope(nick: string): string {
    const r = this.rng;
    const parts: string[] = [];
    if (r.chance(0.8))
      parts.push(`<stanza-id xmlns="${NS.sid}" by="${attr(r.chance(0.9) ? ROOM : r.pick([OTHER, 'bob@localhost', '']))}" id="${attr(this.id(nick))}"/>`);
    if (r.chance(0.05)) parts.push(`<stanza-id xmlns="${NS.sid}" by="${ROOM}" id="${attr(this.id(nick))}"/>`);
    if (r.chance(0.5)) parts.push(`<origin-id xmlns="${NS.sid}" id="${attr(r.chance(0.1) && this.s.ours.length ? r.pick(this.s.ours) : this.id(nick))}"/>`);
    if (r.chance(0.15)) parts.push(`<delay xmlns="${NS.delay}" from="${r.chance(0.8) ? ROOM : 'bob@localhost'}" stamp="${attr(stamp(r, this.s.now))}"/>`);
    if (r.chance(0.3))
      parts.push(
        `<x xmlns="${NS.mucUser}"><item jid="${attr(r.pick([`${nick || 'x'}@localhost/r`, 'bob@localhost', ME, 'mallory@localhost', ...INVALID_JIDS]))}"/></x>`,
      );
    if (r.chance(0.08)) parts.push(noise(this.rng));
    return parts.join('');
  }

  /** A room message: text, reply, media, Ethora data, subject or chat state riding along. */
  groupchat(from?: string, nick = this.nick()): string {
    const r = this.rng;
    const f = from ?? this.from(nick);
    const type = r.weighted<string>([
      [90, 'groupchat'],
      [3, 'chat'],
      [2, 'normal'],
      [2, 'headline'],
      [2, ''],
      [1, 'GROUPCHAT'],
    ]);
    const parts = [this.envelope(nick)];
    let b = r.chance(0.93) ? body(r) : '';
    if (r.chance(0.12)) {
      const t = this.target();
      const quote = `> ${text(r)}\n`;
      parts.push(`<reply xmlns="${NS.reply}" id="${attr(t.id)}" to="${attr(`${ROOM}/${t.nick}`)}"/>`);
      const len = [...quote].length;
      const [start, end] = r.chance(0.8) ? [0, len] : [r.int(-5, 50), r.int(-5, 5000)];
      parts.push(`<fallback xmlns="${NS.fallback}" for="${NS.reply}"><body start="${start}" end="${end}"/></fallback>`);
      b = quote + b;
    }
    if (r.chance(0.35)) parts.push(dataBag(this.rng, () => this.target().id));
    if (r.chance(0.1)) parts.push(`<x xmlns="${NS.oob}"><url>${esc(r.pick(URLS))}</url>${r.chance(0.5) ? `<desc>${esc(text(r))}</desc>` : ''}</x>`);
    if (r.chance(0.05)) parts.push(`<subject>${esc(text(r))}</subject>`);
    if (r.chance(0.1)) parts.push(`<active xmlns="${NS.states}"/>`);
    if (b || r.chance(0.3)) parts.push(`<body>${esc(b)}</body>`);
    if (r.chance(0.03)) parts.push(`<body xml:lang="fr">${esc(body(r))}</body>`);
    const id = r.chance(0.7) ? ` id="${attr(this.id(nick))}"` : '';
    return `<message xmlns="jabber:client" from="${attr(f)}" to="${ME}/web"${type ? ` type="${type}"` : ''}${id}>${r.chance(0.5) ? parts.reverse().join('') : parts.join('')}</message>`;
  }

  /** An edit, retraction or reaction set in either dialect, aimed at known or unknown messages. */
  action(): string {
    const r = this.rng;
    const t = this.target();
    const actor = r.chance(0.15) ? '' : t.nick;
    const id = attr(t.id);
    const kind = r.weighted<() => string>([
      [14, () => `<replace xmlns="${NS.correct}" id="${id}"/><body>${esc(`edit#${++this.s.counter} ${body(r)}`)}</body>`],
      [10, () => `<replace id="${id}" text="${attr(`edit#${++this.s.counter} ${text(r)}`)}"/><body>${esc(text(r))}</body>`],
      [10, () => `<retract xmlns="${NS.retract}" id="${id}"/><body>retracted</body>`],
      [
        5,
        () =>
          `<retract xmlns="${NS.retract}" id="${id}"><moderated xmlns="${NS.moderate}" by="${attr(`${ROOM}/${this.nick()}`)}"/><reason>${esc(text(r))}</reason></retract>`,
      ],
      [4, () => `<apply-to xmlns="${NS.fasten}" id="${id}"><retract xmlns="${NS.retract0}"/></apply-to>`],
      [
        4,
        () =>
          `<apply-to xmlns="${NS.fasten}" id="${id}"><moderated xmlns="${NS.moderate0}" by="x"><retract xmlns="${NS.retract0}"/><reason>${esc(text(r))}</reason></moderated></apply-to>`,
      ],
      [8, () => `<body xmlns="wow"/><delete id="${id}"/>`],
      [20, () => `<reactions xmlns="${NS.reactions}" id="${id}">${reactionList(this.rng)}</reactions>`],
      [3, () => `<retract xmlns="${NS.retract}"/><replace xmlns="${NS.correct}"/><reactions xmlns="${NS.reactions}"/>`],
    ])();
    const from = r.chance(0.9) ? (actor ? `${ROOM}/${actor}` : ROOM) : this.from(actor);
    return `<message xmlns="jabber:client" type="groupchat" from="${attr(from)}" id="${attr(this.id(actor))}">${kind}${this.envelope(actor)}${r.chance(0.2) ? dataBag(this.rng, () => this.target().id) : ''}</message>`;
  }

  /** Chat states, displayed markers and subject changes. */
  signal(): string {
    const r = this.rng;
    const nick = this.nick();
    const inner = r.pick([
      `<${r.pick(['composing', 'paused', 'active', 'inactive', 'gone', 'typing'])} xmlns="${NS.states}"/>${r.chance(0.3) ? dataBag(this.rng, () => this.target().id) : ''}`,
      `<displayed xmlns="${NS.markers}" id="${attr(this.target().id)}"/>`,
      `<subject>${esc(text(r))}</subject>`,
      `<subject/>`,
    ]);
    return `<message xmlns="jabber:client" type="groupchat" from="${attr(this.from(nick))}">${inner}</message>`;
  }

  /** ejabberd MucSub delivery, from the room (legitimate) or from someone else (forged). */
  mucsub(): string {
    const r = this.rng;
    const wrapper = r.weighted<string>([
      [60, ROOM],
      [10, OTHER],
      [10, `${ROOM}/mallory`],
      [10, 'mallory@localhost'],
      [5, STRANGER],
      [5, r.pick(INVALID_JIDS)],
    ]);
    const inner = r.chance(0.7) ? this.groupchat() : this.action();
    return `<message xmlns="jabber:client" from="${attr(wrapper)}" to="${ME}"><event xmlns="${NS.pubsubEvent}"><items node="${r.chance(0.9) ? 'urn:xmpp:mucsub:nodes:messages' : 'urn:xmpp:mucsub:nodes:other'}"><item id="${r.int(1, 1e9)}">${inner}</item></items></event></message>`;
  }

  /** A MAM result of ROOM's archive (the test treats it as the answer to its own query). */
  mam(): string {
    const r = this.rng;
    const inner = (r.chance(0.7) ? this.groupchat() : this.action()).replace(/ type="[^"]*"/, r.chance(0.9) ? ' type="groupchat"' : '');
    const sid = r.chance(0.9) ? this.id('') : '';
    return `<message xmlns="jabber:client" from="${r.chance(0.9) ? ROOM : OTHER}" to="${ME}/web"><result xmlns="${NS.mam}" queryid="q" id="${attr(sid)}"><forwarded xmlns="${NS.forward}"><delay xmlns="${NS.delay}" stamp="${attr(stamp(r, this.s.now))}"/>${inner}</forwarded></result></message>`;
  }

  /** An error bounce, for one of our messages or anything else. */
  error(): string {
    const r = this.rng;
    const id = this.s.ours.length && r.chance(0.7) ? r.pick(this.s.ours) : this.target().id;
    const cond = r.pick(['forbidden', 'not-acceptable', 'resource-constraint', 'bogus', '__proto__']);
    return `<message xmlns="jabber:client" type="error" from="${attr(r.chance(0.8) ? ROOM : this.from())}" id="${attr(id)}"><error type="cancel"><${cond} xmlns="${NS.stanzas}"/><text xmlns="${NS.stanzas}">${esc(text(r))}</text></error></message>`;
  }

  /** An occupant presence (joins, leaves, kicks, bans, nick changes) or a join error. */
  presence(): string {
    const r = this.rng;
    const nick = this.nick() || 'x';
    const from = r.chance(0.85) ? `${ROOM}/${nick}` : this.from(nick);
    if (r.chance(0.1)) {
      const cond = r.pick(['conflict', 'forbidden', 'not-authorized', 'registration-required', 'toString', 'bogus']);
      return `<presence xmlns="jabber:client" from="${attr(from)}" type="error"><x xmlns="${NS.muc}"/><error type="cancel"><${cond} xmlns="${NS.stanzas}"/></error></presence>`;
    }
    const type = r.weighted<string>([
      [60, ''],
      [30, 'unavailable'],
      [5, 'subscribe'],
      [5, 'probe'],
    ]);
    const codes = Array.from({ length: r.int(0, 3) }, () => r.pick(['110', '301', '307', '303', '201', '321', '332', '170', 'abc', '-1', '99999']));
    const item = `<item affiliation="${r.pick(['member', 'owner', 'admin', 'none', 'outcast', 'god'])}" role="${r.pick(['participant', 'moderator', 'visitor', 'none', 'king'])}"${r.chance(0.3) ? ` jid="${attr(r.pick([ME, 'bob@localhost/x', ...INVALID_JIDS]))}"` : ''}${codes.includes('303') ? ` nick="${attr(this.nick() || 'new')}"` : ''}>${r.chance(0.3) ? `<reason>${esc(text(r))}</reason>` : ''}</item>`;
    const status = codes.map((c) => `<status code="${c}"/>`).join('');
    return `<presence xmlns="jabber:client" from="${attr(from)}"${type ? ` type="${type}"` : ''}><x xmlns="${NS.mucUser}">${item}${status}</x></presence>`;
  }

  /** Deep nesting: unknown elements, or wrappers that the stanza registry imports recursively. */
  deep(): string {
    const r = this.rng;
    const depth = r.weighted<number>([
      [50, r.int(10, 200)],
      [30, r.int(200, 1500)],
      [20, r.int(1500, 4000)],
    ]);
    const xml = this.groupchat(`${ROOM}/bob`, 'bob');
    const [open, close] = r.pick([
      ['<n xmlns="urn:deep">', '</n>'],
      [
        `<message xmlns="jabber:client" from="${ROOM}"><event xmlns="${NS.pubsubEvent}"><items node="urn:xmpp:mucsub:nodes:messages"><item id="1">`,
        '</item></items></event></message>',
      ],
      [
        `<message xmlns="jabber:client" from="${ROOM}"><result xmlns="${NS.mam}" queryid="q" id="d1"><forwarded xmlns="${NS.forward}">`,
        '</forwarded></result></message>',
      ],
      [
        `<message xmlns="jabber:client" from="mallory@localhost"><sent xmlns="${NS.carbons}"><forwarded xmlns="${NS.forward}">`,
        '</forwarded></sent></message>',
      ],
    ]);
    // Built in one join: wrapping a growing string level by level would be quadratic.
    if (open.startsWith('<n ')) return xml.replace('</message>', `${open.repeat(depth)}x${close.repeat(depth)}</message>`);
    return open.repeat(depth) + xml + close.repeat(depth);
  }
}
