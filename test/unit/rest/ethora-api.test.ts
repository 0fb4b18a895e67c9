import { expect } from '@open-wc/testing';
import { EthoraApi, EthoraApiError } from '../../../src/rest/ethora-api.js';
import type { FormRequest } from '../../../src/rest/post-form.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch that records requests and answers from a script of (status, body) in order. */
function mockFetch(answers: ([number, unknown] | 'network')[]) {
  const seen: Seen[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    seen.push({
      url: url instanceof Request ? url.url : String(url),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    if (next === 'network') throw new TypeError('Failed to fetch');
    const [status, body] = next;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { fetch, seen };
}

const BASE = 'https://api.example.com/v1';
const USER = { _id: 'u1', firstName: 'Ann', lastName: 'Lee', xmppUsername: 'app_u1', xmppPassword: 'xp-secret' };
const SIGNED_IN = { user: USER, token: 'JWT access-1', refreshToken: 'JWT refresh-1' };

const errorOf = <T>(p: Promise<T>) =>
  p.then(
    () => undefined,
    (e: EthoraApiError) => e,
  );

async function signedIn(more: ([number, unknown] | 'network')[]) {
  const mock = mockFetch([[200, SIGNED_IN], ...more]);
  const api = new EthoraApi({ baseUrl: `${BASE}/`, appToken: 'JWT app-token', fetch: mock.fetch });
  await api.loginWithEmail('ann@example.com', 'pw');
  return { api, seen: mock.seen };
}

describe('Ethora REST client', () => {
  it('signs in with email: POST /users/login-with-email, app token in Authorization, XMPP account from user', async () => {
    const { fetch, seen } = mockFetch([[200, SIGNED_IN]]);
    const api = new EthoraApi({ baseUrl: BASE, appToken: 'JWT app-token', fetch });
    const result = await api.loginWithEmail('ann@example.com', 'pw 1');
    expect(seen).to.have.length(1);
    expect(seen[0]).to.deep.include({ url: `${BASE}/users/login-with-email`, method: 'POST', body: { email: 'ann@example.com', password: 'pw 1' } });
    expect(seen[0].headers).to.include({ Authorization: 'JWT app-token', 'Content-Type': 'application/json' });
    expect(result).to.deep.equal({
      xmppUsername: 'app_u1',
      xmppPassword: 'xp-secret',
      firstName: 'Ann',
      lastName: 'Lee',
      tokens: { token: 'JWT access-1', refreshToken: 'JWT refresh-1' },
    });
    expect(api.signedIn).to.equal(true);
  });

  it('signs in with a custom JWT: POST /users/client with x-custom-token', async () => {
    const { fetch, seen } = mockFetch([[200, SIGNED_IN]]);
    const api = new EthoraApi({ baseUrl: BASE, appToken: '', fetch });
    const result = await api.loginWithToken('eyJ.client.jwt');
    expect(seen[0]).to.deep.include({ url: `${BASE}/users/client`, method: 'POST', body: undefined });
    expect(seen[0].headers['x-custom-token']).to.equal('eyJ.client.jwt');
    expect(seen[0].headers.Authorization).to.equal(undefined);
    expect(result.xmppUsername).to.equal('app_u1');
  });

  it('falls back to the legacy user name from the wallet address', async () => {
    const { fetch } = mockFetch([[200, { ...SIGNED_IN, user: { xmppPassword: 'p', defaultWallet: { walletAddress: '0x68aB' } } }]]);
    const api = new EthoraApi({ baseUrl: BASE, appToken: 'a', fetch });
    expect((await api.loginWithEmail('a@b.c', 'p')).xmppUsername).to.equal('0x68a_b');
  });

  it('maps failures to messages for the user', async () => {
    const cases: [[number, unknown] | 'network', string, RegExp][] = [
      [[401, { error: 'Invalid' }], 'credentials', /wrong email or password/i],
      [[400, {}], 'credentials', /wrong email or password/i],
      [[403, {}], 'refused', /app token/i],
      [[503, 'Service Unavailable'], 'server', /problem.*HTTP 503.*try again/i],
      ['network', 'network', /could not reach/i],
      [[200, { token: 'JWT x' }], 'bad-answer', /cannot use/i],
      [[200, { user: { xmppUsername: 'a b', xmppPassword: 'p' }, token: 't' }], 'bad-answer', /cannot use/i],
      [[200, '<html>not json</html>'], 'bad-answer', /cannot use/i],
    ];
    for (const [answer, code, message] of cases) {
      const { fetch } = mockFetch([answer]);
      const e = await errorOf(new EthoraApi({ baseUrl: BASE, appToken: 'a', fetch }).loginWithEmail('a@b.c', 'secret-pw'));
      expect(e, JSON.stringify(answer)).to.be.instanceOf(EthoraApiError);
      expect(e!.code, JSON.stringify(answer)).to.equal(code);
      expect(e!.message).to.match(message);
      expect(e!.message).not.to.contain('secret-pw');
    }
    const jwt = await errorOf(new EthoraApi({ baseUrl: BASE, appToken: '', fetch: mockFetch([[401, {}]]).fetch }).loginWithToken('bad'));
    expect(jwt!.message).to.match(/token was refused/i);
  });

  it('refuses a bad base URL and a missing app token with a clear error', async () => {
    expect(() => new EthoraApi({ baseUrl: 'not a url', appToken: 'a' })).to.throw(/not a valid URL/);
    expect(() => new EthoraApi({ baseUrl: 'javascript:alert(1)', appToken: 'a' })).to.throw(/https/);
    const e = await errorOf(new EthoraApi({ baseUrl: BASE, appToken: '', fetch: mockFetch([]).fetch }).loginWithEmail('a@b.c', 'p'));
    expect(e!.code).to.equal('config');
  });

  it('lists rooms with GET /chats/my and the user token, skipping unusable items', async () => {
    const { api, seen } = await signedIn([
      [200, { items: [{ name: 'app_R1', title: 'Room <b>1</b>' }, { name: 'a b' }, { title: 'no name' }, 'junk', { name: 'app_r2' }] }],
    ]);
    expect(await api.myRooms()).to.deep.equal([{ name: 'app_r1', title: 'Room <b>1</b>' }, { name: 'app_r2' }]);
    expect(seen[1]).to.deep.include({ url: `${BASE}/chats/my`, method: 'GET' });
    expect(seen[1].headers.Authorization).to.equal('JWT access-1');
  });

  it('on 401 refreshes with the refresh token (POST /users/login/refresh) and retries once with the new token', async () => {
    const { api, seen } = await signedIn([
      [401, { error: 'jwt expired' }],
      [200, { token: 'JWT access-2', refreshToken: 'JWT refresh-2' }],
      [200, { items: [{ name: 'r' }] }],
    ]);
    expect(await api.myRooms()).to.deep.equal([{ name: 'r' }]);
    expect(seen.map((s) => `${s.method} ${s.url.slice(BASE.length)} ${s.headers.Authorization}`)).to.deep.equal([
      'POST /users/login-with-email JWT app-token',
      'GET /chats/my JWT access-1',
      'POST /users/login/refresh JWT refresh-1',
      'GET /chats/my JWT access-2',
    ]);
  });

  it('retries only once: a second 401 says the sign-in expired', async () => {
    const { api, seen } = await signedIn([
      [401, {}],
      [200, { token: 'JWT access-2' }],
      [401, {}],
    ]);
    const e = await errorOf(api.myRooms());
    expect(e!.code).to.equal('expired');
    expect(e!.message).to.match(/sign in again/i);
    expect(seen).to.have.length(4);
  });

  it('a refused refresh says the sign-in expired and forgets the tokens', async () => {
    const { api } = await signedIn([
      [401, {}],
      [401, { error: 'bad refresh' }],
    ]);
    const e = await errorOf(api.myRooms());
    expect(e!.code).to.equal('expired');
    expect(api.signedIn).to.equal(false);
  });

  it('concurrent 401s share one refresh', async () => {
    const { api, seen } = await signedIn([
      [401, {}],
      [401, {}],
      [200, { token: 'JWT access-2', refreshToken: 'JWT refresh-2' }],
      [200, { items: [] }],
      [200, { items: [] }],
    ]);
    await Promise.all([api.myRooms(), api.myRooms()]);
    expect(seen.filter((s) => s.url.endsWith('/users/login/refresh'))).to.have.length(1);
  });

  it('uploads a file as multipart field "files" to POST /files/, with progress, refreshing on 401', async () => {
    const { fetch, seen } = mockFetch([
      [200, SIGNED_IN],
      [200, { token: 'JWT access-2' }],
    ]);
    const posts: FormRequest[] = [];
    const answers = [
      { status: 401, body: {} },
      {
        status: 200,
        body: {
          results: [
            {
              location: 'https://files.example.com/a.png',
              locationPreview: 'https://files.example.com/a-p.png',
              originalname: 'a.png',
              mimetype: 'image/png',
              size: 3,
              _id: 'f1',
            },
          ],
        },
      },
    ];
    const api = new EthoraApi({
      baseUrl: BASE,
      appToken: 'a',
      fetch,
      postForm: async (r) => (posts.push(r), r.onProgress?.(1), answers.shift()!),
    });
    await api.loginWithEmail('a@b.c', 'p');
    const progress: number[] = [];
    const file = new File(['abc'], 'a.png', { type: 'image/png' });
    const stored = await api.uploadFile(file, (p) => progress.push(p));
    expect(stored).to.deep.equal({
      location: 'https://files.example.com/a.png',
      locationPreview: 'https://files.example.com/a-p.png',
      name: 'a.png',
      mimeType: 'image/png',
      size: 3,
    });
    expect(posts.map((p) => [p.url, p.headers.Authorization])).to.deep.equal([
      [`${BASE}/files/`, 'JWT access-1'],
      [`${BASE}/files/`, 'JWT access-2'],
    ]);
    expect((posts[1].form.get('files') as File).name).to.equal('a.png');
    expect(seen[1].url).to.equal(`${BASE}/users/login/refresh`);
    expect(progress).to.deep.equal([1, 1]);
  });

  it('refuses an upload answer whose file address is not http(s)', async () => {
    const { fetch } = mockFetch([[200, SIGNED_IN]]);
    const api = new EthoraApi({
      baseUrl: BASE,
      appToken: 'a',
      fetch,
      postForm: async () => ({ status: 200, body: { results: [{ location: 'javascript:alert(1)' }] } }),
    });
    await api.loginWithEmail('a@b.c', 'p');
    const e = await errorOf(api.uploadFile(new File(['x'], 'x.txt')));
    expect(e!.code).to.equal('bad-answer');
  });

  it('passes a cancelled upload on as an AbortError', async () => {
    const { fetch } = mockFetch([[200, SIGNED_IN]]);
    const api = new EthoraApi({
      baseUrl: BASE,
      appToken: 'a',
      fetch,
      postForm: async () => {
        throw new DOMException('Upload cancelled', 'AbortError');
      },
    });
    await api.loginWithEmail('a@b.c', 'p');
    const e = await errorOf(api.uploadFile(new File(['x'], 'x.txt')));
    expect((e as unknown as Error).name).to.equal('AbortError');
  });
});
