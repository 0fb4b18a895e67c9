// HTTP and JWT helpers of the Ethora REST API stand-in (test/ethora-api-server.mjs).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, Content-Type, x-custom-token',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};
const MAX_BODY = 20 * 1024 * 1024;

export const hex = (bytes) => randomBytes(bytes).toString('hex');
const b64url = (buf) => Buffer.from(buf).toString('base64url');

/** Signs a JWT (HS256) the way an Ethora app's backend would for `/users/client`. */
export function signJwt(payload, secret) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

export function verifyJwt(jwt, secret) {
  const [head, body, sig] = String(jwt).split('.');
  if (!head || !body || !sig) return undefined;
  const want = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

export function send(res, status, body, headers = {}) {
  const isJson = !Buffer.isBuffer(body);
  res.writeHead(status, { ...CORS, 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(isJson ? JSON.stringify(body) : body);
}

export async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw Object.assign(new Error('too large'), { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req) {
  try {
    return JSON.parse((await readBody(req)).toString('utf8'));
  } catch (e) {
    if (e.status) throw e;
    return undefined;
  }
}
