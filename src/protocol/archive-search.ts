/**
 * Full-text search in a room's archive (MAM, XEP-0313), where the archive offers it: asked of
 * the archive's own search form (an IQ get of the MAM query), never assumed. Two fields are
 * known: XEP-0431's `{urn:xmpp:fulltext:0}fulltext` and ejabberd's `withtext`. Prosody 0.12's
 * mod_muc_mam offers neither.
 */
import type { Agent, Stanzas } from 'stanza';
import { parsePage, request, type HistoryPage } from './room-requests.js';

/** XEP-0431's field, then ejabberd's: the first one the form lists is used. */
export const TEXT_FIELDS = ['{urn:xmpp:fulltext:0}fulltext', 'withtext'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The full-text field a MAM search form offers, if any. */
export function textFieldOf(form: Stanzas.DataForm | undefined): TextField | undefined {
  const names = new Set((form?.fields ?? []).map((f) => f.name));
  return TEXT_FIELDS.find((f) => names.has(f));
}

/** The full-text field of the archive at `archive` (a room), or undefined: not offered, or the form could not be read. */
export async function archiveTextField(client: Agent, archive: string): Promise<TextField | undefined> {
  try {
    const iq = await request(client, client.sendIQ({ to: archive, type: 'get', archive: { type: 'query' } }));
    return textFieldOf(iq.archive?.form);
  } catch {
    return undefined;
  }
}

/**
 * One page of the archive's messages matching `text` through `field`, newest page first
 * (`before` '' or absent), then the page before `before`. Oldest first within the page.
 */
export async function searchArchive(
  client: Agent,
  archive: string,
  field: TextField,
  text: string,
  options: { before?: string; max?: number } = {},
): Promise<HistoryPage> {
  const max = Math.max(1, Math.min(options.max ?? 20, 100));
  const form: Stanzas.DataForm = { type: 'submit', fields: [{ name: field, type: 'text-single', value: text }] };
  const fin = await request(client, client.searchHistory(archive, { form, paging: { max, before: options.before ?? '' } }));
  return {
    ...parsePage(fin.results, archive),
    complete: fin.complete === true,
    ...(fin.paging?.first ? { first: fin.paging.first } : {}),
  };
}
