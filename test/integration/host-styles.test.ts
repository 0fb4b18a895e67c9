import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { joined, messageEl, mountChat, roomView, type } from './harness.js';
import { newRoom, newUser } from '../support/kit.js';
import { until } from '../support/wait.js';

describe('integration: host page styles do not leak in', () => {
  it('keeps its own colours, fonts and controls under hostile global CSS', async () => {
    await fixture(html`<style id="hostile">
      * { color: rgb(204, 0, 0) !important; font-family: cursive !important; letter-spacing: 3px !important; text-transform: uppercase !important; }
      button, input, textarea { display: none !important; }
      li { background: yellow !important; }
    </style>`);
    const u = await newUser('styled');
    const room = await newRoom('Styled');
    const chat = await mountChat({ jid: u.jid, password: u.password, rooms: room });
    await joined(chat, room);
    type(chat, 'plain text');
    const body = await until(() => messageEl(chat, 'plain text')?.shadowRoot?.querySelector('[part=body]'), 'the message');
    const style = getComputedStyle(body);
    expect(style.color).to.not.equal('rgb(204, 0, 0)');
    expect(style.fontFamily).to.not.contain('cursive');
    expect(style.textTransform).to.equal('none');
    const send = roomView(chat)!.querySelector('ethora-composer')!.shadowRoot!.querySelector('[part=send]')!;
    expect(getComputedStyle(send).display).to.not.equal('none');
    document.getElementById('hostile')!.remove();
  });
});
