/**
 * The catalogues of languages other than English are not in the script: each is a JSON file
 * beside it (ethora-chat-es.json, ethora-chat-ar.json; scripts/build.mjs writes them from
 * locale-*.ts), fetched the first time a widget needs that language. A page that copied only
 * the script stays in English: a catalogue that cannot be fetched or read means English,
 * silently (the browser may still log the failed request itself).
 */
import type { Catalogue, Entry } from './catalogue.js';
import { Translator } from './translator.js';

/**
 * The files' addresses, resolved now, while the script runs: in the one-file script
 * `import.meta.url` is the script's own src (document.currentScript, null later). Literal
 * `new URL('./…', import.meta.url)` calls, so that bundlers copy the files for dist/esm users.
 */
const FILES: Readonly<Record<string, URL>> = {
  es: new URL('./ethora-chat-es.json', import.meta.url),
  ar: new URL('./ethora-chat-ar.json', import.meta.url),
};

const loading = new Map<string, Promise<Catalogue | undefined>>();

function isEntry(value: unknown): value is Entry {
  if (typeof value === 'string') return true;
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** A parsed file, if it is a catalogue: an object of texts or of per-plural-category texts. */
export function readCatalogue(data: unknown): Catalogue | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const entries = Object.entries(data as Record<string, unknown>).filter((pair): pair is [string, Entry] => isEntry(pair[1]));
  return Object.fromEntries(entries);
}

async function fetchCatalogue(url: URL): Promise<Catalogue | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? readCatalogue(await response.json()) : undefined;
  } catch {
    return undefined;
  }
}

/** The catalogue of a language, fetched once per page (a failure too: English then). */
export function loadCatalogue(lang: string): Promise<Catalogue | undefined> {
  if (!Object.prototype.hasOwnProperty.call(FILES, lang)) return Promise.resolve(undefined);
  const file = FILES[lang];
  let pending = loading.get(lang);
  if (!pending) loading.set(lang, (pending = fetchCatalogue(file)));
  return pending;
}

/** A translator for a language with its catalogue loaded (English texts when it could not be). */
export async function loadTranslator(lang: string): Promise<Translator> {
  return new Translator(lang, await loadCatalogue(lang));
}
