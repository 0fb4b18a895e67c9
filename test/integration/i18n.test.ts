import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { joined, messageEl, roomView, statusText, type, systemLines } from './harness.js';
import { SERVICE, newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

const frame = (chat: ChatElement) => chat.shadowRoot!.querySelector<HTMLElement>('[part=frame]')!;
const login = (chat: ChatElement) => chat.shadowRoot!.querySelector('ethora-login')?.shadowRoot;

describe('integration: languages (lang attribute)', () => {
  it('Arabic: the sign-in form in Arabic, right to left, accessible', async () => {
    const chat = await fixture<ChatElement>(html`<ethora-chat lang="ar" style="height:400px" service=${SERVICE}></ethora-chat>`);
    // The Arabic catalogue is fetched from beside the script (src/i18n/catalogue-files.ts).
    await until(() => login(chat)?.querySelector('h2')?.textContent === 'سجّل الدخول للدردشة', 'the form in Arabic');
    expect(frame(chat).getAttribute('dir')).to.equal('rtl');
    expect(frame(chat).getAttribute('lang')).to.equal('ar');
    expect(login(chat)!.querySelector('h2')!.textContent).to.equal('سجّل الدخول للدردشة');
    expect(login(chat)!.querySelector('button[type=submit]')!.textContent).to.equal('تسجيل الدخول');
    // Laid out right to left: the form's start edge is on the right.
    expect(getComputedStyle(login(chat)!.querySelector('form')!).direction).to.equal('rtl');
    await expect(chat).to.be.accessible();
  });

  it('Spanish from the page around it, for the whole chat, and English again when lang changes', async () => {
    const [a, b] = await Promise.all([newUser('es-a'), newUser('es-b')]);
    const room = await newRoom('Sala');
    const wrap = await fixture<HTMLElement>(html`<div lang="es-ES" style="height:500px;width:800px;display:flex">
      <ethora-chat service=${SERVICE} jid=${a.jid} password=${a.password} rooms=${room}></ethora-chat></div>`);
    const es = wrap.querySelector<ChatElement>('ethora-chat')!;
    await until(() => statusText(es) === 'En línea', 'the Spanish status');
    await until(() => es.shadowRoot!.querySelector('ethora-room')?.getAttribute('join-state') === 'joined', 'the Spanish room joined');
    // The English widget comes in after: its join is news to the Spanish one (a system line).
    const en = Object.assign(document.createElement('ethora-chat'), { service: SERVICE, jid: b.jid, password: b.password, rooms: room });
    en.lang = 'en';
    wrap.append(en);
    await joined(en, room);
    const composer = roomView(es)!.querySelector('ethora-composer')!.shadowRoot!;
    expect(composer.querySelector('textarea')!.placeholder).to.equal('Mensaje para Sala');
    expect(composer.querySelector('[part=send]')!.textContent).to.equal('Enviar');
    type(en, 'hola');
    await until(() => roomView(es)!.querySelector('.day')?.textContent === 'Hoy', 'the day separator in Spanish');
    await until(() => systemLines(es).includes(`${b.user} entró`), 'a system line in Spanish');
    await until(() => roomView(en)!.querySelector('.day')?.textContent === 'Today', 'the other widget in English');
    // The message rows speak it too (the room view hands them its language).
    const actions = () => messageEl(es, 'hola')?.shadowRoot?.querySelector('.actions')?.getAttribute('aria-label');
    await until(() => actions() === 'Acciones del mensaje', 'a message row in Spanish');

    es.lang = 'en';
    await until(() => statusText(es) === 'Online', 'English after lang changes');
    await until(() => roomView(es)!.querySelector('.day')?.textContent === 'Today', 'the room in English');
    await until(() => actions() === 'Message actions', 'the message row in English');
  });
});
