/**
 * XEP-0363 HTTP upload slots. The service is discovered once per connection (StanzaJS
 * getUploadService: disco#info of the domain, then of each disco#items entry); its
 * max-file-size is checked here first, so an over-limit file gets a clear answer without
 * asking the server for a slot.
 */
import type { Agent, Stanzas } from 'stanza';
import { conditionOf, XmppError } from './errors.js';
import { request } from './room-requests.js';
import type { WireUploadSlot } from './types.js';

export interface UploadService {
  jid: string;
  maxSize?: number;
}

export interface UploadFile {
  name: string;
  size: number;
  mediaType: string;
}

const NO_SERVICE = 'File sharing is not available on this server';

/** Finds the upload service; rejects with a human XmppError when there is none. */
export async function findUploadService(client: Agent): Promise<UploadService> {
  let found: { jid: string; maxSize?: number };
  try {
    found = await client.getUploadService();
  } catch (err) {
    // StanzaJS throws a plain Error('No upload service discovered on: …') when disco finds none.
    const condition = conditionOf(err);
    if (!condition || condition === 'item-not-found' || condition === 'service-unavailable' || condition === 'feature-not-implemented') {
      throw new XmppError('feature-not-implemented', NO_SERVICE);
    }
    throw new XmppError(condition, 'Could not reach the file sharing service');
  }
  const maxSize = typeof found.maxSize === 'number' && Number.isFinite(found.maxSize) && found.maxSize > 0 ? found.maxSize : undefined;
  return { jid: found.jid, ...(maxSize ? { maxSize } : {}) };
}

/** Asks `service` for a slot for `file`. */
export async function requestSlot(client: Agent, service: UploadService, file: UploadFile): Promise<WireUploadSlot & { maxSize?: number }> {
  const size = Math.floor(file.size);
  if (!Number.isFinite(size) || size < 0) throw new XmppError('bad-request', /* i18n */ 'That file cannot be sent');
  if (size === 0) throw new XmppError('bad-request', /* i18n */ 'That file is empty');
  if (service.maxSize !== undefined && size > service.maxSize) throw tooLarge(service.maxSize);
  const asked = client.getUploadSlot(service.jid, { name: file.name || 'file', size, mediaType: file.mediaType || undefined });
  const slot = await request(
    client,
    asked.catch((thrown: unknown) => {
      // The service's own verdict (XEP-0363 <file-too-large><max-file-size>) beats our guess.
      const error = (thrown as { error?: Stanzas.StanzaError } | undefined)?.error;
      if (error?.httpUploadError === 'file-too-large') throw tooLarge(error.httpUploadMaxFileSize ?? service.maxSize);
      throw thrown;
    }),
  );
  const putUrl = slot && 'upload' in slot ? slot.upload?.url : undefined;
  const getUrl = slot && 'download' in slot ? slot.download : undefined;
  if (typeof putUrl !== 'string' || typeof getUrl !== 'string' || !/^https?:\/\//i.test(putUrl) || !/^https?:\/\//i.test(getUrl)) {
    throw new XmppError('bad-request', /* i18n */ 'The file sharing service gave an unusable address');
  }
  const headers: Record<string, string> = {};
  for (const h of slot.upload.headers ?? []) {
    if (typeof h?.name === 'string' && typeof h.value === 'string') headers[h.name] = h.value;
  }
  return { putUrl, getUrl, headers, ...(service.maxSize !== undefined ? { maxSize: service.maxSize } : {}) };
}

function tooLarge(max: number | undefined): XmppError {
  const limit = max !== undefined && Number.isFinite(max) && max > 0 ? `: the server accepts files up to ${formatSize(max)}` : '';
  return new XmppError('file-too-large', `This file is too large${limit}`);
}

/** 10485760 -> "10 MB"; 512000 -> "500 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
