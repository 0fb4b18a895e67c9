import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ChatElement } from '../../src/elements/chat-element.js';
import { bodies, joined, messageEl, reactionChips, roomNames } from './harness.js';
import { SERVICE, newRoom, newUser, server } from '../support/kit.js';
import { until } from '../support/wait.js';

/** The focused element, looking through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Presses Tab (or Shift+Tab) until the focused element matches, at most `max` times. */
async function tabTo(match: (el: Element) => boolean, what: string, back = false, max = 60): Promise<Element> {
  for (let i = 0; i < max; i++) {
    const el = focused();
    if (el && match(el)) return el;
    if (back) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
    } else await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('integration: keyboard only', function () {
  this.timeout(40000);

  it('signs in, opens a room, sends, edits, reacts and leaves without a mouse', async () => {
    const u = await newUser('keys');
    const [first, second] = await Promise.all([newRoom('Keys one'), newRoom('Keys two')]);
    // A room of the user's own (a subscription, not pinned by the page): one they may leave.
    const third = await newRoom('Keys three');
    await server('server-subscribe', { user: u.jid, room: third });
    const wrap = await fixture<HTMLDivElement>(html`<div style="height:500px;width:800px">
      <input id="before" aria-label="page field" />
      <ethora-chat service=${SERVICE} rooms="${first} ${second}"></ethora-chat></div>`);
    const chat = wrap.querySelector<ChatElement>('ethora-chat')!;
    wrap.querySelector<HTMLInputElement>('#before')!.focus();

    await tabTo((el) => el.getAttribute('name') === 'jid', 'the address field');
    await sendKeys({ type: u.jid });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: u.password });
    await sendKeys({ press: 'Enter' });
    await joined(chat, first);

    await tabTo((el) => el.matches('[part=room]') && el.textContent.includes('Keys two'), 'room two in the list');
    await sendKeys({ press: 'Enter' });
    await joined(chat, second);

    await tabTo((el) => el.matches('textarea'), 'the composer');
    await sendKeys({ type: 'typed by keyboard' });
    await sendKeys({ press: 'Enter' });
    await until(() => messageEl(chat, 'typed by keyboard')?.getAttribute('status') === 'sent', 'the message sent');

    await sendKeys({ press: 'ArrowUp' });
    await until(() => (focused() as HTMLTextAreaElement).value === 'typed by keyboard', 'edit mode');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ', edited' });
    await sendKeys({ press: 'Enter' });
    await until(() => bodies(chat).includes('typed by keyboard, edited'), 'the edit');

    await tabTo((el) => el.matches('.more'), 'the message actions button', true);
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.getAttribute('aria-label') === 'React with 👍', 'the first reaction focused');
    await sendKeys({ press: 'Enter' });
    await until(() => reactionChips(chat, 'typed by keyboard, edited').includes('👍 1'), 'the reaction');
    expect(focused()?.matches('.more')).to.equal(true);

    await tabTo((el) => el.matches('[part=room]') && el.textContent.includes('Keys three'), 'room three in the list', true);
    await sendKeys({ press: 'Enter' });
    await joined(chat, third);
    await tabTo((el) => el.getAttribute('aria-label') === 'Room actions for Keys three', 'the room actions button');
    await sendKeys({ press: 'Enter' });
    for (let i = 0; i < 4 && focused()?.textContent?.trim() !== 'Leave room…'; i++) await sendKeys({ press: 'ArrowDown' });
    expect(focused()?.textContent?.trim()).to.equal('Leave room…');
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.textContent?.trim() === 'Yes, leave Keys three', 'the confirmation focused').catch((e: Error) => {
      throw new Error(`${e.message}: focused ${focused()?.outerHTML}`);
    });
    await sendKeys({ press: 'Enter' });
    await until(() => !roomNames(chat).includes('Keys three'), 'the room gone from the list');
    expect(roomNames(chat)).to.include.members(['Keys one', 'Keys two']);
  });
});
