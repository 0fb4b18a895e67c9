// The language catalogues as JSON files (src/i18n/catalogue-files.ts fetches them on demand): from
// the compiled locale-*.js in dist/esm/i18n, beside the one-file script (dist/ethora-chat-LANG.json)
// and beside the module that fetches them in dist/esm (dist/esm/i18n/ethora-chat-LANG.json).
// Called by scripts/build.mjs after tsc; the WordPress zip ships them next to the script.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const compiled = path.join(root, 'dist', 'esm', 'i18n');

/** Writes every catalogue file; returns the names of those beside the script (dist/…). */
export async function writeCatalogueFiles() {
  const names = [];
  for (const file of readdirSync(compiled).filter((f) => /^locale-[a-z]{2,3}\.js$/.test(f))) {
    const lang = file.slice('locale-'.length, -'.js'.length);
    const module = await import(pathToFileURL(path.join(compiled, file)).href);
    const json = JSON.stringify(module[lang]);
    const name = `ethora-chat-${lang}.json`;
    writeFileSync(path.join(root, 'dist', name), json);
    writeFileSync(path.join(compiled, name), json);
    names.push(name);
  }
  return names;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeCatalogueFiles();
