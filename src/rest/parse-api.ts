/**
 * Answers of Ethora's REST API -> small typed values (shapes from ethora-protocol.md §4 and
 * §2.10). Pure, never throw: undefined when the answer does not have the documented shape.
 * Everything here is untrusted; values are checked, not just cast.
 */

/** Access and refresh token, as the API returned them (e.g. "JWT eyJ…"), sent back verbatim. */
export interface ApiTokens {
  token: string;
  refreshToken?: string;
}

/** What a sign-in returns: the XMPP account of the user, and the API tokens. */
export interface ApiSignIn {
  xmppUsername: string;
  xmppPassword: string;
  firstName?: string;
  lastName?: string;
  tokens: ApiTokens;
}

/** A room from `GET /chats/my`: `name` is the room JID's local part. */
export interface ApiRoom {
  name: string;
  title?: string;
}

/** A stored file from `POST /files/`. */
export interface ApiFile {
  location: string;
  locationPreview?: string;
  name?: string;
  mimeType?: string;
  size?: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max = 1024): string | undefined => (typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : undefined);
/** A JID local part we can use as is: no separators, spaces or controls. */
const LOCAL = /^[^\s"&'/:<>@\u0000-\u001f\u007f]{1,1023}$/;
const httpUrl = (v: unknown): string | undefined => {
  const s = text(v, 4096);
  if (!s) return undefined;
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** `{token, refreshToken}` of a login or refresh answer. */
export function parseTokens(body: unknown): ApiTokens | undefined {
  if (!isObj(body)) return undefined;
  const token = text(body.token, 8192);
  if (!token) return undefined;
  const refreshToken = text(body.refreshToken, 8192);
  return refreshToken ? { token, refreshToken } : { token };
}

/**
 * Legacy XMPP user name from a wallet address: `_` before every capital, then lower case
 * (ECC helpers/walletUsername.ts), used when the user has no `xmppUsername`.
 */
export function walletToUsername(wallet: string): string {
  return wallet.replace(/([A-Z])/g, '_$1').toLowerCase();
}

/** `{user: {xmppUsername, xmppPassword, …}, token, refreshToken}` of login-with-email and /users/client. */
export function parseSignIn(body: unknown): ApiSignIn | undefined {
  if (!isObj(body) || !isObj(body.user)) return undefined;
  const tokens = parseTokens(body);
  const user = body.user;
  const wallet = isObj(user.defaultWallet) ? text(user.defaultWallet.walletAddress) : undefined;
  const xmppUsername = text(user.xmppUsername) ?? (wallet ? walletToUsername(wallet) : undefined);
  const xmppPassword = typeof user.xmppPassword === 'string' && user.xmppPassword !== '' ? user.xmppPassword : undefined;
  if (!tokens || !xmppUsername || !LOCAL.test(xmppUsername) || !xmppPassword) return undefined;
  const out: ApiSignIn = { xmppUsername: xmppUsername.toLowerCase(), xmppPassword, tokens };
  const firstName = text(user.firstName, 200);
  const lastName = text(user.lastName, 200);
  if (firstName) out.firstName = firstName;
  if (lastName) out.lastName = lastName;
  return out;
}

/** `{items: ApiRoom[]}` of `GET /chats/my`; items without a usable `name` are skipped. */
export function parseRooms(body: unknown): ApiRoom[] | undefined {
  if (!isObj(body) || !Array.isArray(body.items)) return undefined;
  const rooms: ApiRoom[] = [];
  for (const item of body.items) {
    if (!isObj(item)) continue;
    const name = text(item.name)?.toLowerCase();
    if (!name || !LOCAL.test(name) || rooms.some((r) => r.name === name)) continue;
    const title = text(item.title, 500);
    rooms.push(title ? { name, title } : { name });
  }
  return rooms;
}

/** The first stored file of `{results: [{location, locationPreview, originalname, mimetype, size, …}]}`. */
export function parseFiles(body: unknown): ApiFile | undefined {
  if (!isObj(body) || !Array.isArray(body.results) || !isObj(body.results[0])) return undefined;
  const r = body.results[0];
  const location = httpUrl(r.location);
  if (!location) return undefined;
  const file: ApiFile = { location };
  const preview = httpUrl(r.locationPreview);
  const name = text(r.originalname, 500) ?? text(r.filename, 500);
  const mimeType = text(r.mimetype, 200);
  const size = typeof r.size === 'number' ? r.size : typeof r.size === 'string' && /^\d{1,15}$/.test(r.size) ? Number(r.size) : undefined;
  if (preview) file.locationPreview = preview;
  if (name) file.name = name;
  if (mimeType && /^[\w.+-]+\/[\w.+-]+$/.test(mimeType)) file.mimeType = mimeType;
  if (size !== undefined && Number.isSafeInteger(size) && size >= 0) file.size = size;
  return file;
}
