/**
 * Who sent a stanza, as far as the room vouches for it: the sender's real bare JID (the
 * archive's `<x><item jid>`, or the occupant's presence in a room that shows real JIDs) and
 * the continuous occupant (a nick from its join until it leaves or changes; a nick that comes
 * back is another occupant). A nick alone proves nothing: whoever holds it now may not be who
 * held it then. Claims inside the stanza (Ethora `<data senderJID|fullName>`) never count.
 */
export interface Identity {
  readonly jid?: string;
  /** The occupant's join, numbered by the store (live stanzas only). */
  readonly occupant?: number;
}

/** `actor` is provably the author: the same real JID where both are known, else the same occupant. */
export function provenSame(author: Identity, actor: Identity | undefined): boolean {
  if (!actor) return false;
  if (author.jid && actor.jid) return author.jid === actor.jid;
  return author.occupant !== undefined && author.occupant === actor.occupant;
}

/**
 * The key one person's reactions are kept under. A stanza with no identity (the archive of a
 * room that hides real JIDs) can only be keyed by its nick, so there a later holder of the nick
 * replaces the earlier one's reactions: a limit of anonymous rooms (README, Security).
 */
export function identityKey(by: Identity | undefined, nick: string): string {
  if (by?.jid) return `jid:${by.jid}`;
  if (by?.occupant !== undefined) return `occupant:${by.occupant}`;
  return `nick:${nick}`;
}

/** The keys our own reactions may be kept under (identityKey): our JID, or our nick in an anonymous room's archive. */
export function myKeys(me: string, nick: string): string[] {
  return [`jid:${me}`, `nick:${nick}`];
}

/** Characters that reorder or hide text: bidi embeddings, overrides and isolates, zero-width and other invisible ones, controls. */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]/g;
/** Longest name shown; a name is one line. */
const MAX_NAME = 200;

/** `text` without invisible and reordering characters (link text, file names). */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** A name inside a sentence, isolated (FSI…PDI) so it cannot reorder the words around it. */
export function isolate(name: string | undefined): string {
  return `\u2068${cleanName(name)}\u2069`;
}

/**
 * The author of a reply's quote when the original is not loaded: only the nick the reply names
 * (`to`, an occupant JID), with the claimed name beside it; no nick, no author (a claim alone).
 */
export function quoteAuthor(claimed: string | undefined, to: string | undefined): string | undefined {
  const slash = to?.indexOf('/') ?? -1;
  const nick = to && slash >= 0 ? to.slice(slash + 1) : to && !to.includes('@') ? to : undefined;
  return nick ? vouchedName(claimed, nick) : undefined;
}

/** A name or nick for display: invisible and reordering characters removed, at most MAX_NAME characters. */
export function cleanName(name: string | undefined): string {
  if (!name) return '';
  const short = name.length > MAX_NAME * 4 ? name.slice(0, MAX_NAME * 4) : name;
  return [...short.replace(INVISIBLE, '')].slice(0, MAX_NAME).join('').trim();
}

/**
 * The name to show for a sender: the nick the room vouches for, and a different name the sender
 * claims only beside it ("Alice Smith (mallory)"), so nobody can display as somebody else.
 */
export function vouchedName(claimed: string | undefined, nick: string): string {
  const n = cleanName(nick);
  const name = cleanName(claimed);
  if (!name) return n;
  if (name.toLowerCase() === n.toLowerCase()) return name;
  return n ? `${name} (${n})` : name;
}
