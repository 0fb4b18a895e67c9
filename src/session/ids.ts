/** The bare JID (no resource). */
export function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash < 0 ? jid : jid.slice(0, slash);
}

/** The part before '@' (the whole JID when it has none). */
export function localPart(jid: string): string {
  const bare = bareJid(jid);
  const at = bare.indexOf('@');
  return at < 0 ? bare : bare.slice(0, at);
}

/** A random id for a stanza we send (also its XEP-0359 origin-id). */
export function newId(): string {
  return crypto.randomUUID();
}
