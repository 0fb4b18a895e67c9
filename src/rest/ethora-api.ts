/**
 * Client for the parts of Ethora's REST API the widget uses (ethora-protocol.md §4):
 * sign-in with email and password (`POST /users/login-with-email`, app token in
 * `Authorization`), sign-in with the app's own JWT (`POST /users/client`, `x-custom-token`),
 * the user's rooms (`GET /chats/my`) and file upload (`POST /files/`, multipart `files`).
 * Calls made with the user's token are retried once after `POST /users/login/refresh` when
 * they get a 401. Tokens are kept in this object only (memory); passwords are sent once and
 * never kept or logged. Failures become an EthoraApiError with a message for the user.
 */
import { parseFiles, parseRooms, parseSignIn, parseTokens, type ApiFile, type ApiRoom, type ApiSignIn, type ApiTokens } from './parse-api.js';
import { postForm as xhrPostForm, type FormAnswer, type PostForm } from './post-form.js';

export type EthoraApiErrorCode = 'credentials' | 'expired' | 'network' | 'server' | 'refused' | 'bad-answer' | 'config';

/** A failed API call; `message` is written for the user. */
export class EthoraApiError extends Error {
  constructor(
    readonly code: EthoraApiErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EthoraApiError';
  }
}

export interface EthoraApiOptions {
  /** REST base URL including the version, e.g. https://api.chat.ethora.com/v1 */
  baseUrl: string;
  /** The app token (`Authorization` of the email sign-in). */
  appToken: string;
  /** For tests: replaces the global fetch. */
  fetch?: typeof fetch;
  /** For tests: replaces the XHR multipart upload. */
  postForm?: PostForm;
  /** Per-request time limit (ms); default 20 s. */
  timeout?: number;
}

/** The user's access token was refused and could not be refreshed. */
const EXPIRED = 'Your sign-in has expired: sign in again';

interface Answer {
  status: number;
  body: unknown;
}

export class EthoraApi {
  private tokens?: ApiTokens;
  private refreshing?: Promise<void>;
  private readonly base: string;

  constructor(private readonly options: EthoraApiOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new EthoraApiError('config', 'The chat’s API address is not a valid URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EthoraApiError('config', 'The chat’s API address must start with https://');
    this.base = url.href.replace(/\/+$/, '');
  }

  /** True once signed in (an access token is held). */
  get signedIn(): boolean {
    return Boolean(this.tokens);
  }

  /** `POST /users/login-with-email {email, password}` with the app token. */
  async loginWithEmail(email: string, password: string): Promise<ApiSignIn> {
    if (!this.options.appToken) throw new EthoraApiError('config', 'This chat has no app token configured (the app-token attribute is missing)');
    const answer = await this.call('POST', '/users/login-with-email', { Authorization: this.options.appToken }, { email, password });
    if (answer.status === 400 || answer.status === 401 || answer.status === 404 || answer.status === 422) {
      throw new EthoraApiError('credentials', 'Wrong email or password', answer.status);
    }
    if (answer.status === 403) throw new EthoraApiError('refused', 'Sign-in was refused for this app (check its app token)', 403);
    return this.signedInWith(answer);
  }

  /** `POST /users/client` with `x-custom-token: <jwt>`: exchanges the app's JWT for an Ethora sign-in. */
  async loginWithToken(jwt: string): Promise<ApiSignIn> {
    const answer = await this.call('POST', '/users/client', { 'x-custom-token': jwt });
    if (answer.status === 400 || answer.status === 401 || answer.status === 403 || answer.status === 404) {
      throw new EthoraApiError('credentials', 'The sign-in token was refused (expired or not valid for this app)', answer.status);
    }
    return this.signedInWith(answer);
  }

  /** `GET /chats/my`: the rooms the user is a member of. */
  async myRooms(): Promise<ApiRoom[]> {
    const answer = await this.authed((token) => this.call('GET', '/chats/my', { Authorization: token }));
    this.check(answer, 'the room list');
    return this.shaped(parseRooms(answer.body));
  }

  /** `POST /files/` (multipart field `files`): stores a file and returns where it is served. */
  async uploadFile(file: File, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<ApiFile> {
    const post = this.options.postForm ?? xhrPostForm;
    const answer = await this.authed(async (token) => {
      const form = new FormData();
      form.append('files', file, file.name || 'file');
      try {
        return await post({ url: `${this.base}/files/`, form, headers: { Authorization: token }, onProgress, signal });
      } catch (err) {
        throw (err as Error).name === 'AbortError' ? err : networkError();
      }
    });
    if (answer.status === 413) throw new EthoraApiError('refused', 'This file is too large for the server', 413);
    this.check(answer, 'the upload');
    return this.shaped(parseFiles(answer.body));
  }

  /** `POST /users/login/refresh` with the refresh token: new tokens. Concurrent callers share one refresh. */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Forgets the tokens (sign-out). */
  forget(): void {
    this.tokens = undefined;
  }

  private async doRefresh(): Promise<void> {
    const refreshToken = this.tokens?.refreshToken;
    if (!refreshToken) throw new EthoraApiError('expired', EXPIRED);
    const answer = await this.call('POST', '/users/login/refresh', { Authorization: refreshToken });
    if (answer.status >= 400 && answer.status < 500) {
      this.tokens = undefined;
      throw new EthoraApiError('expired', EXPIRED, answer.status);
    }
    this.check(answer, 'refreshing the sign-in');
    const tokens = this.shaped(parseTokens(answer.body));
    this.tokens = { token: tokens.token, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  /** Sends with the current token; on 401 refreshes (unless another call already did) and retries once. */
  private async authed(send: (token: string) => Promise<Answer>): Promise<Answer> {
    const used = this.tokens?.token;
    if (!used) throw new EthoraApiError('expired', EXPIRED);
    const answer = await send(used);
    if (answer.status !== 401) return answer;
    if (this.tokens?.token === used) await this.refresh();
    const fresh = this.tokens?.token;
    if (!fresh) throw new EthoraApiError('expired', EXPIRED);
    const again = await send(fresh);
    if (again.status === 401) throw new EthoraApiError('expired', EXPIRED, 401);
    return again;
  }

  private signedInWith(answer: Answer): ApiSignIn {
    this.check(answer, 'sign-in');
    const signIn = this.shaped(parseSignIn(answer.body));
    this.tokens = signIn.tokens;
    return signIn;
  }

  /** Throws for any status other than 2xx. */
  private check(answer: Answer, what: string): void {
    const { status } = answer;
    if (status >= 200 && status < 300) return;
    if (status >= 500) throw new EthoraApiError('server', `The chat server had a problem with ${what} (HTTP ${status}): try again later`, status);
    if (status === 401) throw new EthoraApiError('expired', EXPIRED, status);
    throw new EthoraApiError('refused', `The chat server refused ${what} (HTTP ${status})`, status);
  }

  private shaped<T>(value: T | undefined): T {
    if (value === undefined) throw new EthoraApiError('bad-answer', 'The chat server gave an answer the widget cannot use');
    return value;
  }

  private async call(method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<Answer> {
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let res: Response;
    try {
      res = await doFetch(`${this.base}${path}`, {
        method,
        headers: { Accept: 'application/json', ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: json !== undefined ? JSON.stringify(json) : undefined,
        signal: AbortSignal.timeout(this.options.timeout ?? 20_000),
      });
    } catch {
      throw networkError();
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    return { status: res.status, body };
  }
}

function networkError(): EthoraApiError {
  return new EthoraApiError('network', 'Could not reach the chat server: check your connection and try again');
}

export type { ApiFile, ApiRoom, ApiSignIn, ApiTokens, FormAnswer };
