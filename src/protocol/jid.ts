/**
 * Defensive JID splitting for untrusted `from`/`jid` attributes. StanzaJS keeps attribute
 * text as received (no stringprep on import), so a hostile peer can send anything here; we
 * never throw, and we lower-case local and domain so that one room has one key everywhere.
 */

export interface ParsedJid {
  /** Lower-cased local part; '' for a domain JID such as the MUC service itself. */
  local: string;
  /** Lower-cased domain. */
  domain: string;
  /** Resource as sent (nicks are case-sensitive); '' when absent. */
  resource: string;
  /** local@domain (or domain), lower-cased. */
  bare: string;
}

// RFC 7622 forbids these in a localpart; whitespace and controls are never valid anywhere
// in a bare JID, so rejecting them filters garbage without needing stringprep tables.
const BAD_LOCAL = /[\s"&'/:<>@\u0000-\u001f\u007f]/;
const BAD_DOMAIN = /[\s"&'/:<>@\\\u0000-\u001f\u007f]/;
const MAX_PART = 1023;

/** Splits a JID string; undefined when it is not a plausible JID. */
export function parseJid(value: unknown): ParsedJid | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 3 * MAX_PART + 2) return undefined;
  const slash = value.indexOf('/');
  const bareText = slash >= 0 ? value.slice(0, slash) : value;
  const resource = slash >= 0 ? value.slice(slash + 1) : '';
  const at = bareText.indexOf('@');
  const local = at >= 0 ? bareText.slice(0, at).toLowerCase() : '';
  let domain = (at >= 0 ? bareText.slice(at + 1) : bareText).toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (at === 0 || !domain || domain.length > MAX_PART || BAD_DOMAIN.test(domain)) return undefined;
  if (local.length > MAX_PART || BAD_LOCAL.test(local)) return undefined;
  if (slash >= 0 && (!resource || resource.length > MAX_PART)) return undefined;
  return { local, domain, resource, bare: local ? `${local}@${domain}` : domain };
}

/** Bare, lower-cased form of a JID, or undefined when it is not a plausible JID. */
export function bareJid(value: unknown): string | undefined {
  return parseJid(value)?.bare;
}

/** A room is a bare JID with a local part on some MUC service. */
export function roomJid(value: unknown): string | undefined {
  const jid = parseJid(value);
  return jid && jid.local ? jid.bare : undefined;
}
