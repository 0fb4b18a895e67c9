// The kit's local receiver for the push and stats modules (server/modules/mod_ethora_push.erl,
// mod_ethora_stats.erl), on 127.0.0.1 only. It stands in for Ethora's push service and stats server:
//   POST /push    form (access_token must be the kit's token): kept, newest last (at most 1000)
//   POST /stats   JSON (Authorization: Bearer <token>): counted per room and per minute
//   GET  /stats   a page with a chart of messages per room over time (inline SVG, no scripts)
//   GET  /stats.json  the counts
// Started by `npm start` (scripts/start.mjs) and by the test runner's server commands.
import http from 'node:http';

const MAX_PUSHES = 1000;
const MAX_BODY = 64 * 1024;
const MINUTE = 60_000;
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** { pushes, stats(), url, close() }; `token` is what the modules send (the state folder's secret). */
export async function startReceiver({ port, token }) {
  const pushes = [];
  /** room -> { total, minutes: Map(minute start ms -> count) } */
  const rooms = new Map();
  const stats = () => ({
    rooms: Object.fromEntries([...rooms].map(([room, r]) => [room, { total: r.total, minutes: Object.fromEntries(r.minutes) }])),
  });

  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(body);
    };
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/push') {
        const form = new URLSearchParams(await readBody(req));
        if (form.get('access_token') !== token) return send(401, 'bad token');
        pushes.push(Object.fromEntries(form));
        if (pushes.length > MAX_PUSHES) pushes.shift();
        return send(200, 'ok');
      }
      if (req.method === 'POST' && url.pathname === '/stats') {
        if (req.headers.authorization !== `Bearer ${token}`) return send(401, 'bad token');
        const m = JSON.parse(await readBody(req));
        if (typeof m.room !== 'string' || !Number.isFinite(m.ts)) return send(400, 'room and ts expected');
        const r = rooms.get(m.room) ?? { total: 0, minutes: new Map() };
        const minute = Math.floor(m.ts / MINUTE) * MINUTE;
        r.total += 1;
        r.minutes.set(minute, (r.minutes.get(minute) ?? 0) + 1);
        rooms.set(m.room, r);
        return send(200, 'ok');
      }
      if (req.method === 'GET' && url.pathname === '/stats.json') return send(200, JSON.stringify(stats()), 'application/json');
      if (req.method === 'GET' && url.pathname === '/stats') return send(200, page(rooms), 'text/html; charset=utf-8');
      return send(404, 'not found');
    } catch (e) {
      return send(e.status ?? 400, String(e.message));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { pushes, stats, url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563', '#db2777'];

/** Messages per room per minute over the last hour: one SVG polyline per room (the 8 busiest),
 *  then every room's total (the 500 busiest). */
function page(rooms) {
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const minutes = Array.from({ length: 60 }, (_, i) => now - (59 - i) * MINUTE);
  const busiest = [...rooms].sort((a, b) => b[1].total - a[1].total).slice(0, COLORS.length);
  const max = Math.max(1, ...busiest.flatMap(([, r]) => minutes.map((m) => r.minutes.get(m) ?? 0)));
  const [W, H, P] = [720, 240, 30];
  const x = (i) => P + (i * (W - 2 * P)) / 59;
  const y = (v) => H - P - (v * (H - 2 * P)) / max;
  const lines = busiest
    .map(
      ([, r], k) =>
        `<polyline fill="none" stroke="${COLORS[k]}" stroke-width="2" points="${minutes.map((m, i) => `${x(i).toFixed(1)},${y(r.minutes.get(m) ?? 0).toFixed(1)}`).join(' ')}"/>`,
    )
    .join('');
  const legend = busiest.map(([room, r], k) => `<li><span style="color:${COLORS[k]}">■</span> ${esc(room)}: ${r.total}</li>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Room messages</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}svg{border:1px solid #ccc}ul{list-style:none;padding:0}</style></head>
<body><h1>Messages per room per minute (last hour)</h1>
<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="messages per minute">
<line x1="${P}" y1="${H - P}" x2="${W - P}" y2="${H - P}" stroke="#999"/><line x1="${P}" y1="${P}" x2="${P}" y2="${H - P}" stroke="#999"/>
<text x="4" y="${P}" font-size="11">${max}</text><text x="4" y="${H - P}" font-size="11">0</text>
<text x="${P}" y="${H - 8}" font-size="11">-60 min</text><text x="${W - P - 20}" y="${H - 8}" font-size="11">now</text>${lines}</svg>
<ul>${legend || '<li>No room messages yet.</li>'}</ul>
<table><thead><tr><th>room</th><th>messages</th></tr></thead><tbody>${[...rooms]
    .sort((a, b) => b[1].total - a[1].total)
    .slice(0, 500)
    .map(([room, r]) => `<tr><td>${esc(room)}</td><td>${r.total}</td></tr>`)
    .join('')}</tbody></table>
<p>Totals since the receiver started: ${[...rooms.values()].reduce((n, r) => n + r.total, 0)} messages in ${rooms.size} rooms. Reload to update.</p>
</body></html>`;
}
