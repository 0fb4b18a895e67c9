/**
 * Sign-in through Ethora's REST API, against the local stand-in (test/ethora-api-server.mjs),
 * whose users are real accounts on the local ejabberd: every path ends in real XMPP chat.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, online, renderedMessages, roomNames, roomView, sessionOf, statusText, type } from './harness.js';
import { newRoom, server, SERVICE } from '../support/kit.js';
import { until } from '../support/wait.js';

const API = (globalThis as { ETHORA_TEST_API?: { url: string; appToken: string } }).ETHORA_TEST_API!;

interface ApiUser {
  email: string;
  password: string;
  jid: string;
  jwt: string;
}

const apiUser = (): Promise<ApiUser> => server<ApiUser>('ethora-api-user', {});
const apiRoom = (title: string, members: ApiUser[]) => server<string>('ethora-api-room', { title, members: members.map((m) => m.email) });
const stats = (u: ApiUser) => server<{ refreshes: number; uploads: number; rejected: number }>('ethora-api-stats', { email: u.email });

/** A widget configured for the Ethora API: no jid, no password (and no rooms attribute unless given). */
async function mountEthora(o: { userToken?: string; upload?: 'xmpp' | 'rest'; rooms?: string } = {}): Promise<ChatElement> {
  const wrap = await fixture<HTMLElement>(html`<div style="height:500px;width:800px;display:flex">
    <ethora-chat service=${SERVICE} api=${API.url} app-token=${API.appToken} xmpp-domain="localhost"
      user-token=${o.userToken ?? ''} upload=${o.upload ?? 'xmpp'} rooms=${o.rooms ?? ''}></ethora-chat></div>`);
  return wrap.querySelector('ethora-chat')!;
}

const loginForm = (chat: ChatElement) => until(() => chat.shadowRoot!.querySelector('ethora-login')?.shadowRoot?.querySelector('form'), 'the sign-in form');

async function signInWithForm(chat: ChatElement, email: string, password: string): Promise<void> {
  const form = await loginForm(chat);
  const input = form.querySelector<HTMLInputElement>('[name=email]');
  expect(input, 'an email field').to.exist;
  expect(input!.getAttribute('autocomplete')).to.equal('email');
  input!.value = email;
  form.querySelector<HTMLInputElement>('[name=password]')!.value = password;
  form.requestSubmit();
}

function attach(chat: ChatElement, files: File[]): void {
  const composer = roomView(chat)!.querySelector('ethora-composer')!;
  composer.dispatchEvent(new CustomEvent('ethora-attach', { detail: { files }, bubbles: true, composed: true }));
}

async function pngFile(w: number, h: number, name: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')!.fillRect(0, 0, w, h);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

const images = (chat: ChatElement) =>
  [...(roomView(chat)?.querySelectorAll('ethora-message') ?? [])].map((m) => m.shadowRoot!.querySelector('img')).filter(Boolean) as HTMLImageElement[];

describe('integration: Ethora sign-in (REST API)', () => {
  it('email and password through the form end in real chat with another user, both ways', async () => {
    const [a, b] = await Promise.all([apiUser(), apiUser()]);
    const room = await apiRoom('Ethora team', [a, b]);
    const alice = await mountEthora();
    await signInWithForm(alice, a.email, a.password);
    const bob = await mountEthora();
    await signInWithForm(bob, b.email.toUpperCase(), b.password);
    await Promise.all([joined(alice, room), joined(bob, room)]);
    expect(alice.state.jid).to.equal(a.jid);

    type(alice, 'Hello from the REST sign-in');
    await until(() => bodies(bob).includes('Hello from the REST sign-in'), 'Bob to see Alice’s message');
    type(bob, 'Hello back');
    await until(() => bodies(alice).includes('Hello back'), 'Alice to see Bob’s reply');
  });

  it('a wrong password shows a clear error in the form and connects nothing', async () => {
    const u = await apiUser();
    const chat = await mountEthora();
    await signInWithForm(chat, u.email, 'not-the-password');
    const login = chat.shadowRoot!.querySelector('ethora-login')!;
    const error = await until(() => login.shadowRoot!.querySelector('[part=error]'), 'the form error');
    expect(error.textContent).to.equal('Wrong email or password');
    expect(statusText(chat)).not.to.equal('Online');
    expect(chat.state.jid).to.equal('');
    await expect(chat).to.be.accessible(); // the email form with its error (axe-core)

    // The form stays usable: the right password signs in.
    await signInWithForm(chat, u.email, u.password);
    await online(chat);
  });

  it('signs in with the app’s own JWT (user-token) without showing the form', async () => {
    const u = await apiUser();
    const room = await apiRoom('JWT room', [u]);
    const chat = await mountEthora({ userToken: u.jwt });
    await joined(chat, room);
    expect(chat.state.jid).to.equal(u.jid);
    expect(roomNames(chat)).to.deep.equal(['JWT room']);
  });

  it('a refused JWT says so in the form', async () => {
    const chat = await mountEthora({ userToken: 'eyJhbGciOiJIUzI1NiJ9.e30.bad-signature' });
    const login = chat.shadowRoot!.querySelector('ethora-login')!;
    const error = await until(() => login.shadowRoot?.querySelector('[part=error]'), 'the form error');
    expect(error.textContent).to.match(/token was refused/i);
  });

  it('lists the rooms GET /chats/my returns, and only those', async () => {
    const [u, other] = await Promise.all([apiUser(), apiUser()]);
    await apiRoom('Alpha <b>room</b>', [u, other]);
    await apiRoom('Beta room', [u]);
    await apiRoom('Not mine', [other]);
    const chat = await mountEthora({ userToken: u.jwt });
    await online(chat);
    await until(() => roomNames(chat).length === 2, 'two rooms listed');
    // Names from the API are text: markup in them is shown, not interpreted.
    expect(roomNames(chat).sort()).to.deep.equal(['Alpha <b>room</b>', 'Beta room']);
  });

  it('enters the page’s rooms without waiting for a slow room list, then adds the listed ones', async () => {
    const u = await apiUser();
    const listed = await apiRoom('Listed later', [u]);
    const pinned = await newRoom('On this page');
    await server('ethora-api-delay-room-list', { ms: 8000 });
    try {
      const chat = await mountEthora({ userToken: u.jwt, rooms: pinned });
      await joined(chat, pinned);
      // Joined while GET /chats/my is still held by the API (8 s): the page's room did not wait.
      expect(roomNames(chat)).to.deep.equal(['On this page']);
      type(chat, 'before the list');
      await until(() => renderedMessages(chat).find((m) => m.body === 'before the list')?.status === 'sent', 'the message confirmed');
      expect(roomNames(chat)).to.not.include('Listed later');
      await until(() => roomNames(chat).includes('Listed later'), 'the listed room, once the API answers', 20000);
      const store = sessionOf(chat).store;
      await until(() => store.room(listed)?.join === 'joined', 'the listed room entered');
    } finally {
      await server('ethora-api-delay-room-list', { ms: 0 });
    }
  });

  it('uploads through POST /files/ (upload="rest"); the other user sees the image served by the API', async () => {
    const [a, b] = await Promise.all([apiUser(), apiUser()]);
    const room = await apiRoom('Files', [a, b]);
    const alice = await mountEthora({ userToken: a.jwt, upload: 'rest' });
    const bob = await mountEthora({ userToken: b.jwt });
    await Promise.all([joined(alice, room), joined(bob, room)]);

    attach(alice, [await pngFile(300, 150, 'chart <i>.png')]);
    const [img] = await until(() => images(bob).length === 1 && images(bob), 'Bob sees the image');
    expect(img.src.startsWith(`${API.url}/files/`)).to.equal(true);
    expect(img.getAttribute('alt')).to.equal('chart <i>.png');
    await until(() => img.complete && img.naturalWidth === 300, 'the image to load from the API');
    expect((await stats(a)).uploads).to.equal(1);
  });

  it('refreshes an expired token transparently (401, refresh, retry) and the upload still arrives', async () => {
    const [a, b] = await Promise.all([apiUser(), apiUser()]);
    const room = await apiRoom('Refresh', [a, b]);
    const alice = await mountEthora({ userToken: a.jwt, upload: 'rest' });
    const bob = await mountEthora({ userToken: b.jwt });
    await Promise.all([joined(alice, room), joined(bob, room)]);

    await server('ethora-api-expire', { email: a.email });
    attach(alice, [await pngFile(120, 60, 'after-expiry.png')]);
    await until(() => images(bob).length === 1, 'Bob sees the image uploaded after the token expired');
    expect(await stats(a)).to.deep.equal({ refreshes: 1, uploads: 1, rejected: 1 });
    expect(roomView(alice)!.querySelector('[part=uploads] [role=alert]')).to.equal(null);
  });

  it('shows progress of a REST upload and cancels it: nothing is sent', async () => {
    const [a, b] = await Promise.all([apiUser(), apiUser()]);
    const room = await apiRoom('Cancel', [a, b]);
    const alice = await mountEthora({ userToken: a.jwt, upload: 'rest' });
    const bob = await mountEthora({ userToken: b.jwt });
    await Promise.all([joined(alice, room), joined(bob, room)]);

    await server('ethora-api-delay-uploads', { ms: 15000 }); // long enough to click Cancel on a busy machine
    try {
      attach(alice, [await pngFile(64, 64, 'cancel-me.png')]);
      const progress = await until(() => roomView(alice)!.querySelector<HTMLProgressElement>('[part=uploads] progress'), 'the upload’s progress');
      expect(progress.getAttribute('aria-label')).to.equal('Uploading cancel-me.png');
      [...roomView(alice)!.querySelectorAll<HTMLButtonElement>('[part=uploads] button')].find((x) => x.textContent === 'Cancel')!.click();
      await until(() => !roomView(alice)!.querySelector('[part=uploads]'), 'the upload gone');
    } finally {
      await server('ethora-api-delay-uploads', { ms: 0 });
    }
    type(alice, 'after the cancel');
    await until(() => bodies(bob).includes('after the cancel'), 'Bob sees the next message');
    expect(images(bob)).to.have.length(0);
    expect(bodies(alice)).to.deep.equal(['after the cancel']);
  });
});
