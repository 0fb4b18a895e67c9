// A local stand-in for the parts of Ethora's REST API the widget uses (ethora-protocol.md §4),
// for tests and the demo: loopback only, in memory. Its users are real accounts on the local
// ejabberd (server/kit.mjs registers them), so a sign-in through it ends in real XMPP chat.
//   POST /v1/users/login-with-email {email, password}   Authorization: <app token>
//   POST /v1/users/client                               x-custom-token: <HS256 JWT signed with the app secret>
//   POST /v1/users/login/refresh                        Authorization: <refresh token>
//   GET  /v1/chats/my                                   Authorization: <access token>
//   POST /v1/files/ (multipart field "files")           Authorization: <access token>
//   GET  /v1/files/<id>/<name>                          the stored file (CORS, nosniff, sandboxed)
// Access tokens expire (tokenTtlMs); expireTokens(email) ends them now, so tests can exercise
// the refresh on 401 without waiting.
import { createServer } from 'node:http';
import * as kit from '../server/kit.mjs';
import { hex, readBody, readJson, send, signJwt, verifyJwt } from './ethora-api-http.mjs';

/** Types served as they are; anything else is served as a download. */
const INLINE_TYPES = /^(image\/(png|jpeg|gif|webp)|video\/(mp4|webm)|audio\/(mpeg|ogg|wav|webm)|text\/plain)$/;

/**
 * Starts the stand-in on 127.0.0.1 (port 0: any free port).
 * @returns {Promise<{ url: string, appToken: string, appId: string, close(): Promise<void>, addUser(o?): Promise<object>,
 *   addRoom(o): Promise<string>, expireTokens(email): void, stats(email): object }>}
 */
export async function startEthoraApi({
  port = 0,
  appId = 'testapp',
  appToken = `JWT app-${hex(8)}`,
  appSecret = hex(16),
  tokenTtlMs = 60_000,
  refreshTtlMs = 3_600_000,
} = {}) {
  const users = new Map(); // email -> user
  const tokens = new Map(); // token -> { email, kind, expires }
  const rooms = new Map(); // name -> { name, title, members: Set<email> }
  const files = new Map(); // id -> { data, type, name }
  const counters = new Map(); // email -> { refreshes, uploads, rejected }
  let base = '';
  /** Delay before answering an upload (ms), so a test can cancel one in flight. */
  let uploadDelayMs = 0;
  let roomListDelayMs = 0;

  const count = (email, key) => {
    const c = counters.get(email) ?? { refreshes: 0, uploads: 0, rejected: 0 };
    c[key]++;
    counters.set(email, c);
  };

  function issue(email) {
    const token = `JWT ${hex(24)}`;
    const refreshToken = `JWT ${hex(24)}`;
    tokens.set(token, { email, kind: 'access', expires: Date.now() + tokenTtlMs });
    tokens.set(refreshToken, { email, kind: 'refresh', expires: Date.now() + refreshTtlMs });
    return { token, refreshToken };
  }

  /** The user of a valid token of this kind, or undefined. */
  function bearer(req, kind) {
    const t = tokens.get(req.headers.authorization ?? '');
    if (!t || t.kind !== kind) return undefined;
    if (t.expires <= Date.now()) {
      if (kind === 'access') count(t.email, 'rejected');
      return undefined;
    }
    return users.get(t.email);
  }

  const userJson = (u) => ({
    _id: u.id,
    appId,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    xmppUsername: u.xmppUsername,
    xmppPassword: u.xmppPassword,
  });

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'OPTIONS') return send(res, 204, Buffer.alloc(0));
    const route = `${req.method} ${path}`;

    if (route === 'POST /v1/users/login-with-email') {
      if (req.headers.authorization !== appToken) return send(res, 403, { error: 'Invalid app token' });
      const body = await readJson(req);
      const u = typeof body?.email === 'string' ? users.get(body.email.trim().toLowerCase()) : undefined;
      if (!u || typeof body.password !== 'string' || body.password !== u.password) return send(res, 401, { error: 'Invalid email or password' });
      return send(res, 200, { success: true, user: userJson(u), ...issue(u.email) });
    }
    if (route === 'POST /v1/users/client') {
      const payload = verifyJwt(req.headers['x-custom-token'], appSecret);
      const u = payload?.data?.appId === appId ? [...users.values()].find((x) => x.id === payload.data.userId) : undefined;
      if (!u) return send(res, 401, { error: 'Invalid token' });
      return send(res, 200, { success: true, user: userJson(u), ...issue(u.email) });
    }
    if (route === 'POST /v1/users/login/refresh') {
      const u = bearer(req, 'refresh');
      if (!u) return send(res, 401, { error: 'Invalid refresh token' });
      tokens.delete(req.headers.authorization); // refresh tokens are single-use
      count(u.email, 'refreshes');
      return send(res, 200, issue(u.email));
    }
    if (route === 'GET /v1/chats/my') {
      const u = bearer(req, 'access');
      if (!u) return send(res, 401, { error: 'Unauthorized' });
      if (roomListDelayMs) await new Promise((r) => setTimeout(r, roomListDelayMs));
      const items = [...rooms.values()]
        .filter((r) => r.members.has(u.email))
        .map((r) => ({
          _id: r.id,
          name: r.name,
          title: r.title,
          type: 'group',
          description: '',
          picture: '',
          members: [...r.members].map((e) => ({ xmppUsername: users.get(e)?.xmppUsername, firstName: users.get(e)?.firstName })),
        }));
      return send(res, 200, { items });
    }
    if (route === 'POST /v1/files') {
      const u = bearer(req, 'access');
      if (!u) {
        await readBody(req).catch(() => undefined);
        return send(res, 401, { error: 'Unauthorized' });
      }
      const raw = await readBody(req);
      if (uploadDelayMs) await new Promise((r) => setTimeout(r, uploadDelayMs));
      let form;
      try {
        form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        return send(res, 400, { error: 'Expected multipart/form-data' });
      }
      const results = [];
      for (const file of form.getAll('files')) {
        if (typeof file === 'string') continue;
        const id = hex(12);
        const name = file.name || 'file';
        files.set(id, { data: Buffer.from(await file.arrayBuffer()), type: file.type || 'application/octet-stream', name });
        const location = `${base}/files/${id}/${encodeURIComponent(name)}`;
        const now = new Date().toISOString();
        results.push({
          _id: id,
          location,
          locationPreview: location,
          filename: `${id}-${name}`,
          originalname: name,
          mimetype: file.type || 'application/octet-stream',
          size: file.size,
          isVisible: true,
          ownerKey: u.id,
          userId: u.id,
          createdAt: now,
          updatedAt: now,
          isPrivate: false,
          __v: 0,
        });
      }
      if (!results.length) return send(res, 400, { error: 'No files' });
      count(u.email, 'uploads');
      return send(res, 200, { results });
    }
    const served = req.method === 'GET' && /^\/v1\/files\/([0-9a-f]{24})\//.exec(path);
    if (served && files.has(served[1])) {
      const f = files.get(served[1]);
      const type = INLINE_TYPES.test(f.type) ? f.type : 'application/octet-stream';
      return send(res, 200, f.data, {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'content-security-policy': 'sandbox',
        'cross-origin-resource-policy': 'cross-origin',
        'cache-control': 'max-age=3600',
      });
    }
    return send(res, 404, { error: 'Not found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, e.status ?? 500, { error: e.status ? 'Request too large' : 'Internal error' });
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  base = `http://127.0.0.1:${server.address().port}/v1`;

  return {
    url: base,
    appToken,
    appId,
    /** A user with a real XMPP account (registered now unless xmppUsername/xmppPassword name an existing one). */
    async addUser({ email, password, firstName = 'Test', lastName = 'User', xmppUsername, xmppPassword } = {}) {
      const id = hex(12);
      const u = {
        id,
        email: (email ?? `${id}@example.test`).toLowerCase(),
        password: password ?? `pw-${hex(6)}`,
        firstName,
        lastName,
        xmppUsername: xmppUsername ?? `${appId}_${id}`,
        xmppPassword: xmppPassword ?? hex(12),
      };
      if (!xmppUsername) await kit.registerUser(u.xmppUsername, u.xmppPassword);
      users.set(u.email, u);
      const jwt = signJwt({ data: { type: 'client', userId: id, appId }, exp: Math.floor(Date.now() / 1000) + 3600 }, appSecret);
      return { email: u.email, password: u.password, xmppUsername: u.xmppUsername, jid: `${u.xmppUsername}@${kit.DOMAIN}`, jwt };
    },
    /** A room (created on ejabberd) listed by /chats/my for its members; returns its JID. */
    async addRoom({ title, members = [], name }) {
      const id = hex(12);
      const local = name ?? `${appId}_${id}`;
      const { jid } = await kit.createRoom(local, { title });
      rooms.set(local, { id, name: local, title, members: new Set(members.map((e) => e.toLowerCase())) });
      return jid;
    },
    /** Answers uploads only after this delay (0: at once). */
    delayUploads(ms) {
      uploadDelayMs = Math.max(0, Number(ms) || 0);
    },
    /** Answers GET /chats/my only after this delay (0: at once). */
    delayRoomList(ms) {
      roomListDelayMs = Math.max(0, Number(ms) || 0);
    },
    /** Ends the access tokens of this user now (the next call gets 401). */
    expireTokens(email) {
      for (const t of tokens.values()) if (t.email === email.toLowerCase() && t.kind === 'access') t.expires = 0;
    },
    /** How often this user refreshed, uploaded, and was refused with an expired token. */
    stats(email) {
      return { refreshes: 0, uploads: 0, rejected: 0, ...counters.get(email.toLowerCase()) };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
