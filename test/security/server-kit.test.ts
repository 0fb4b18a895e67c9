/**
 * The server kit's own attack surface: its admin HTTP API answers only the state folder's admin
 * account (a web page the developer visits can reach 127.0.0.1 too), uploaded files are never run
 * as a page of the server's origin, and the nodes' Erlang cookie is random per state folder.
 */
import { expect } from '@open-wc/testing';
import { newRoom, newUser, server, HTTP } from '../support/kit.js';
import { freshClient } from '../support/raw-client.js';

describe('server kit: admin API, uploads, cookies', () => {
  it('refuses an unauthenticated text/plain POST to /api from a page, and it changes nothing', async () => {
    const u = await newUser('api');
    const victim = `kit-victim-${u.user}`;
    // Exactly what any web page may send: a "simple" cross-origin request, no preflight, no credentials.
    for (const [command, body] of [
      ['change_password', { user: u.user, host: 'localhost', newpass: 'owned' }],
      ['register', { user: victim, host: 'localhost', password: 'owned' }],
    ] as const) {
      await fetch(`${HTTP}/api/${command}`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) });
    }
    expect(await server('server-check-password', { user: u.user, password: u.password }), 'the old password still works').to.equal(true);
    expect(await server('server-check-password', { user: u.user, password: 'owned' }), 'the new password does not').to.equal(false);
    expect(await server('server-check-password', { user: victim, password: 'owned' }), 'no account was created').to.equal(false);

    // The same requests with a readable answer: refused (403 without credentials, 401 with a wrong password).
    const body = { user: u.user, host: 'localhost', newpass: 'owned' };
    const none = await server<{ status: number; text: string }>('server-api-as', { command: 'change_password', body, auth: 'none', contentType: 'text/plain' });
    expect(none.status, none.text).to.equal(403);
    const wrong = await server<{ status: number }>('server-api-as', { command: 'change_password', body, auth: 'wrong' });
    expect(wrong.status).to.equal(401);
    const page = await fetch(`${HTTP}/api/status`, { method: 'POST', body: '{}' });
    expect(page.status, 'a page reading the answer').to.equal(403);
    expect(await server('server-check-password', { user: u.user, password: u.password })).to.equal(true);
  });

  it('accepts the state folder’s admin account', async () => {
    const u = await newUser('api-ok');
    const r = await server<{ status: number; text: string }>('server-api-as', {
      command: 'change_password',
      body: { user: u.user, host: 'localhost', newpass: 'changed' },
      auth: 'kit',
    });
    expect(r.status, r.text).to.equal(200);
    expect(await server('server-check-password', { user: u.user, password: 'changed' })).to.equal(true);
    expect(await server('server-check-password', { user: u.user, password: u.password })).to.equal(false);
  });

  it('serves an uploaded file with nosniff and a sandboxing CSP, and CORS still lets the widget read it', async () => {
    const { client } = await freshClient('upl');
    try {
      const service = await client.getUploadService();
      const html = '<!doctype html><script>parent.postMessage("pwned","*")</script>';
      const slot = await client.getUploadSlot(service.jid, { name: 'evil.html', size: html.length, mediaType: 'text/html' });
      const put = await fetch(slot.upload.url, { method: 'PUT', body: html, headers: { 'content-type': 'text/html' } });
      expect(put.status).to.equal(201);
      // A cross-origin fetch that resolves and reads the body: CORS works (an <img> needs less).
      const get = await fetch(slot.download);
      expect(await get.text()).to.equal(html);
      expect(get.headers.get('x-content-type-options')).to.equal('nosniff');
      const csp = get.headers.get('content-security-policy') ?? '';
      expect(csp).to.match(/(^|;)\s*sandbox\s*(;|$)/);
      expect(csp).to.contain("default-src 'none'");
    } finally {
      client.disconnect();
    }
  });

  it('runs the node with the state folder’s random Erlang cookie', async () => {
    const c = await server<{ running: string[]; stored: string; fresh: string[] }>('server-cookies');
    expect(c.running, 'the cookie on the running node’s command line').to.deep.equal([c.stored]);
    expect(c.stored).to.match(/^[0-9a-f]{40}$/);
    expect(c.fresh[0]).to.match(/^[0-9a-f]{40}$/);
    expect(c.fresh[0], 'each new state folder gets its own').to.not.equal(c.fresh[1]);
    expect([c.fresh[0], c.fresh[1]]).to.not.include(c.stored);
  });

  it('a room stays when a page posts destroy_room', async () => {
    const room = await newRoom('Kept');
    await fetch(`${HTTP}/api/destroy_room`, {
      method: 'POST',
      mode: 'no-cors',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: room.split('@')[0], service: 'conference.localhost' }),
    });
    const r = await server<{ status: number; text: string }>('server-api-as', {
      command: 'get_room_options',
      body: { name: room.split('@')[0], service: 'conference.localhost' },
    });
    expect(r.status).to.equal(200);
    expect(r.text).to.contain('persistent');
  });
});
