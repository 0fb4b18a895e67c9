// Packs the WordPress plugin (cms/wordpress/ethora-chat) with the bundled widget
// (dist/ethora-chat.js → assets/ethora-chat.js, and beside it the language catalogues it fetches,
// dist/ethora-chat-LANG.json → assets/) into dist/ethora-chat-wordpress.zip, the file an
// admin uploads at Plugins → Add New → Upload. A small ZIP writer (deflate, CRC-32 from zlib):
// no zip program needed. Called by scripts/build.mjs after the bundle.
import { crc32, deflateRawSync } from 'node:zlib';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PLUGIN = path.join(root, 'cms', 'wordpress', 'ethora-chat');
export const WORDPRESS_ZIP = path.join(root, 'dist', 'ethora-chat-wordpress.zip');

function files(dir, base = '') {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      const rel = base ? `${base}/${name}` : name;
      return statSync(full).isDirectory() ? files(full, rel) : [{ name: rel, data: readFileSync(full) }];
    });
}

/** A ZIP archive (method 8, deflate) of [{ name, data }]. */
export function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed time, so the same sources give the same bytes.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** Writes the plugin zip; the bundle must be built first. Returns { file, bytes, entries }. */
export function buildWordpressZip() {
  const built = readdirSync(path.join(root, 'dist'))
    .filter((name) => name === 'ethora-chat.js' || /^ethora-chat-[a-z]+\.json$/.test(name))
    .sort()
    .map((name) => ({ name: `assets/${name}`, data: readFileSync(path.join(root, 'dist', name)) }));
  const entries = files(PLUGIN)
    .filter((f) => !built.some((b) => b.name === f.name))
    .concat(built)
    .map((f) => ({ name: `ethora-chat/${f.name}`, data: f.data }));
  const bytes = zip(entries);
  writeFileSync(WORDPRESS_ZIP, bytes);
  return { file: WORDPRESS_ZIP, bytes: bytes.length, entries: entries.map((e) => e.name) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { file, bytes } = buildWordpressZip();
  console.log(`${path.relative(root, file)}: ${(bytes / 1024).toFixed(1)} KB`);
}
