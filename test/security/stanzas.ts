/**
 * Stanzas that carry one payload into every slot the wire offers: body, nick, Ethora `<data>`
 * names, media attributes and mainMessage JSON, OOB URL and description, reply fallback quote,
 * subject, kick and ban reasons, moderation reason, typing name, system message, edit text,
 * reaction values.
 */
import { attr, esc } from '../fuzz/pools.js';

export const ROOM = 'lobby@conference.localhost';
const SID = 'urn:xmpp:sid:0';

const msg = (from: string, inner: string, sid?: string) =>
  `<message xmlns="jabber:client" type="groupchat" from="${attr(from)}">${inner}${sid ? `<stanza-id xmlns="${SID}" by="${ROOM}" id="${attr(sid)}"/>` : ''}</message>`;

/** `<data>` with the payload in every name and media attribute. */
function data(p: string, extra: Record<string, string> = {}): string {
  const a: Record<string, string> = { senderFirstName: p, senderLastName: p, fullName: p, senderJID: p, ...extra };
  return `<data xmlns="jabber:client"${Object.entries(a)
    .map(([k, v]) => ` ${k}="${attr(v)}"`)
    .join('')}/>`;
}

/** All the stanzas for payload `p` (number `i`); `p` must be XML-safe. */
export function stanzasFor(p: string, i: number): string[] {
  const nick = p || 'x';
  const occupant = `${ROOM}/${nick}`;
  const mainMessage = JSON.stringify({ id: `s${i}`, text: p, userName: p });
  const quote = `> ${p}\n`;
  const out = [
    msg(occupant, `<body>${esc(p)}</body>${data(p)}`, `s${i}`),
    msg(`${ROOM}/bob`, `<body>${esc(`see ${p} and https://example.com/?q=${p} or mailto:${p}`)}</body>`, `l${i}`),
    msg(
      `${ROOM}/bob`,
      `<body>media</body>${data(p, { isMediafile: 'true', location: 'https://files.example.com/a.png', locationPreview: p, originalName: p, fileName: p, mimetype: 'image/png', size: p, width: p })}`,
      `ms${i}`,
    ),
    msg(`${ROOM}/bob`, `<x xmlns="jabber:x:oob"><url>${esc(p)}</url><desc>${esc(p)}</desc></x><body>${esc(p)}</body>`, `o${i}`),
    msg(`${ROOM}/bob`, `<body>reply</body>${data(p, { isReply: 'true', mainMessage })}`, `r${i}`),
    msg(`${ROOM}/bob`, `<body>reply</body>${data(p, { isReply: 'true', mainMessage: JSON.stringify({ id: `nowhere${i}`, text: p, userName: p }) })}`, `rn${i}`),
    msg(
      `${ROOM}/bob`,
      `<reply xmlns="urn:xmpp:reply:0" id="nowhere-x${i}" to="${attr(occupant)}"/><fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:reply:0"><body start="0" end="${[...quote].length}"/></fallback><body>${esc(`${quote}answer`)}</body>`,
      `rx${i}`,
    ),
    msg(occupant, `<subject>${esc(p)}</subject>`),
    msg(occupant, `<composing xmlns="http://jabber.org/protocol/chatstates"/>${data(p)}`),
    msg(`${ROOM}/bob`, `<body>${esc(p)}</body>${data(p, { isSystemMessage: 'true' })}`, `sys${i}`),
    msg(`${ROOM}/bob`, `<body>to be edited</body>`, `e${i}`),
    msg(`${ROOM}/bob`, `<replace id="e${i}" text="${attr(`${p} (edited)`)}"/>`),
    msg(`${ROOM}/bob`, `<body>to be moderated</body>`, `d${i}`),
    msg(
      ROOM,
      `<retract xmlns="urn:xmpp:message-retract:1" id="d${i}"><moderated xmlns="urn:xmpp:message-moderate:1" by="${attr(occupant)}"/><reason>${esc(p)}</reason></retract>`,
    ),
    msg(occupant, `<reactions xmlns="urn:xmpp:reactions:0" id="s${i}"><reaction>${esc(p)}</reaction><reaction>👍</reaction></reactions>`),
    `<presence xmlns="jabber:client" from="${attr(occupant)}" type="unavailable"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="none" role="none"><reason>${esc(p)}</reason></item><status code="${i % 2 ? 307 : 301}"/></x></presence>`,
  ];
  for (const mime of ['image/png', 'video/mp4', 'audio/mpeg', 'application/pdf', p]) {
    out.push(
      msg(
        `${ROOM}/bob`,
        `<body>media</body>${data(p, { isMediafile: 'true', location: p, locationPreview: p, originalName: p, mimetype: mime })}`,
        `m${i}-${mime}`,
      ),
    );
  }
  return out;
}

/** A URL whose entities the XML parser decodes (written without escaping `&`). */
export function rawUrlStanzas(raw: string, i: number): string[] {
  return ['image/png', 'video/mp4', 'application/pdf'].map((mime) =>
    msg(
      `${ROOM}/bob`,
      `<body>media</body><data xmlns="jabber:client" isMediafile="true" location="${raw}" locationPreview="${raw}" mimetype="${mime}"/><x xmlns="jabber:x:oob"><url>${raw}</url></x>`,
      `raw${i}-${mime}`,
    ),
  );
}
