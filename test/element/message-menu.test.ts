import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { MessageElement } from '../../src/elements/message-element.js';
import type { Message } from '../../src/state/message.js';
import { until } from '../support/wait.js';

const own: Message = {
  key: 'k1',
  room: 'r@conference.localhost',
  nick: 'alice',
  senderName: 'alice',
  body: 'mine',
  time: Date.now(),
  status: 'sent',
  own: true,
  stanzaId: 's1',
};

/** A message's menu element, made as a pointer over the message makes it. */
async function hoverMenu(el: MessageElement) {
  el.dispatchEvent(new PointerEvent('pointerenter'));
  await el.updateComplete;
  const menu = el.shadowRoot!.querySelector('ethora-message-menu')!;
  await menu.updateComplete;
  return menu;
}

async function menuOf(m: Message, canDelete = true) {
  const el = await fixture<MessageElement>(html`<ethora-message .message=${m} ?canDelete=${canDelete}></ethora-message>`);
  const menu = await hoverMenu(el);
  return { el, menu, button: menu.shadowRoot!.querySelector<HTMLButtonElement>('.more')! };
}

const focused = (menu: Element) => menu.shadowRoot!.activeElement as HTMLElement | null;

describe('<ethora-message-menu> by keyboard', () => {
  it('opens on Enter, moves with arrows, and Escape closes it giving focus back', async () => {
    const { menu, button } = await menuOf(own);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(focused(menu)!.getAttribute('aria-label')).to.equal('React with 👍');
    await sendKeys({ press: 'ArrowRight' });
    expect(focused(menu)!.getAttribute('aria-label')).to.equal('React with ❤️');
    await sendKeys({ press: 'End' });
    expect(focused(menu)!.textContent).to.contain('Delete');
    await sendKeys({ press: 'Escape' });
    expect(menu.shadowRoot!.querySelector('[role=dialog]')).to.equal(null);
    expect(focused(menu)).to.equal(button);
  });

  it('asks before deleting, then reports the action with the message key', async () => {
    const { el, menu, button } = await menuOf(own);
    button.click();
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('.danger')!.click();
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const confirm = menu.shadowRoot!.querySelector<HTMLButtonElement>('.danger')!;
    expect(confirm.textContent).to.contain('Yes, delete');
    setTimeout(() => confirm.click());
    const ev = await oneEvent<CustomEvent<{ action: string; key: string }>>(el, 'ethora-message-action');
    expect([ev.detail.action, ev.detail.key]).to.deep.equal(['delete', 'k1']);
  });

  it('by keyboard, the delete confirmation takes the focus and the menu stays open', async () => {
    const { el, menu, button } = await menuOf(own);
    const update = () => (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    button.focus();
    await sendKeys({ press: 'Enter' });
    await update();
    await sendKeys({ press: 'End' });
    expect(focused(menu)!.textContent).to.contain('Delete…');
    await sendKeys({ press: 'Enter' });
    await update();
    await update();
    expect(menu.shadowRoot!.querySelector('[role=dialog]')).to.exist;
    expect(focused(menu)!.textContent).to.contain('Yes, delete');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const ev = await oneEvent<CustomEvent<{ action: string }>>(el, 'ethora-message-action');
    expect(ev.detail.action).to.equal('delete');
    expect(focused(menu)).to.equal(button);
  });

  it('offers no edit or delete on someone else’s message', async () => {
    const { menu, button } = await menuOf({ ...own, own: false, nick: 'bob' }, false);
    button.click();
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const labels = [...menu.shadowRoot!.querySelectorAll('.item')].map((b) => b.textContent.trim());
    expect(labels).to.include('Reply');
    expect(labels.some((l) => /Edit|Delete/.test(l))).to.equal(false);
  });

  it('accepts a typed emoji and refuses text', async () => {
    const { el, menu, button } = await menuOf(own);
    button.click();
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const input = menu.shadowRoot!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'lol' });
    await sendKeys({ press: 'Enter' });
    await (menu as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(menu.shadowRoot!.querySelector('.hint')!.textContent).to.contain('single emoji');
    input.value = '🦄';
    setTimeout(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' })));
    const ev = await oneEvent<CustomEvent<{ emoji: string }>>(el, 'ethora-message-action');
    expect(ev.detail.emoji).to.equal('🦄');
  });
});

describe('<ethora-message-menu> on demand', () => {
  it('is a plain button until a pointer comes over the message', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${own}></ethora-message>`);
    expect(el.shadowRoot!.querySelector('ethora-message-menu')).to.equal(null);
    const standIn = el.shadowRoot!.querySelector<HTMLButtonElement>('button.actions')!;
    expect(standIn.getAttribute('aria-label')).to.equal('Message actions');
    expect(standIn.getAttribute('aria-haspopup')).to.equal('dialog');
    const menu = await hoverMenu(el);
    expect(menu).to.exist;
    expect(el.shadowRoot!.querySelector('button.actions')).to.equal(null);
  });

  it('hands the focus to the menu’s button when Tab reaches the stand-in', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><button id="before">before</button><ethora-message .message=${own}></ethora-message></div>`);
    const el = wrap.querySelector<MessageElement>('ethora-message')!;
    await el.updateComplete;
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    const menu = await until(() => el.shadowRoot!.querySelector('ethora-message-menu'), 'the menu');
    await until(() => focused(menu)?.matches('.more'), 'the menu’s button focused');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(menu)?.getAttribute('aria-label') === 'React with 👍', 'the menu open');
  });

  it('opens the menu when the stand-in is clicked before anything made it', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${own}></ethora-message>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.actions')!.click();
    const menu = await until(() => el.shadowRoot!.querySelector('ethora-message-menu'), 'the menu');
    await until(() => menu.shadowRoot!.querySelector('[role=dialog]'), 'the menu open');
    expect(menu.shadowRoot!.querySelector('.more')!.getAttribute('aria-expanded')).to.equal('true');
  });
});

describe('<ethora-message> states', () => {
  it('shows a tombstone instead of the body of a deleted message', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${{ ...own, deleted: true, body: '' }}></ethora-message>`);
    expect(el.shadowRoot!.querySelector('[part=tombstone]')!.textContent).to.equal('Message deleted');
    expect(el.shadowRoot!.querySelector('ethora-message-menu, button.actions')).to.equal(null);
  });

  it('marks edited messages and lists reactions with who reacted', async () => {
    const m = { ...own, edited: true, reactions: { 'bob@localhost': { name: 'bob', emojis: ['👍'] }, alice: { name: 'alice', emojis: ['👍', '🎉'] } } };
    const el = await fixture<MessageElement>(html`<ethora-message .message=${m} .me=${['alice']}></ethora-message>`);
    expect(el.shadowRoot!.querySelector('[part=edited]')!.textContent).to.equal('(edited)');
    const chips = [...el.shadowRoot!.querySelectorAll('[part=reaction]')];
    expect(chips.map((c) => c.textContent.trim())).to.deep.equal(['👍 2', '🎉 1']);
    expect(chips[0].getAttribute('title')).to.equal('bob, alice');
    expect(chips[0].getAttribute('aria-pressed')).to.equal('true');
  });

  it('shows a reply quote and asks to jump to the original', async () => {
    const m = { ...own, replyTo: { id: 'orig', author: 'Bob', quote: 'the question' } };
    const el = await fixture<MessageElement>(html`<ethora-message .message=${m}></ethora-message>`);
    const quote = el.shadowRoot!.querySelector<HTMLButtonElement>('[part=quote]')!;
    expect(quote.textContent).to.contain('the question');
    setTimeout(() => quote.click());
    const ev = await oneEvent<CustomEvent<{ id: string }>>(el, 'ethora-jump');
    expect(ev.detail.id).to.equal('orig');
  });

  it('renders an image with its box reserved and refuses unsafe media URLs', async () => {
    const img = await fixture<MessageElement>(
      html`<ethora-message .message=${{ ...own, body: '', media: { url: 'https://x.test/a.png', mimeType: 'image/png', width: 640, height: 480, name: 'a.png' } }}></ethora-message>`,
    );
    const el = img.shadowRoot!.querySelector('img')!;
    expect([el.style.width, el.style.height]).to.deep.equal(['320px', '240px']);
    const bad = await fixture<MessageElement>(
      html`<ethora-message .message=${{ ...own, body: '', media: { url: 'javascript:alert(1)', mimeType: 'image/png' } }}></ethora-message>`,
    );
    expect(bad.shadowRoot!.querySelector('img, a[href^="javascript"]')).to.equal(null);
  });
});

describe('<ethora-message-menu> block', () => {
  const theirs: Message = { ...own, key: 'k2', nick: 'bob', senderName: 'bob', body: 'theirs', own: false, authorJid: 'bob@localhost' };

  it('offers "Block sender" for someone else’s message and sends the block action', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${theirs} canBlock></ethora-message>`);
    const menu = await hoverMenu(el);
    menu.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await menu.updateComplete;
    const item = [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('.item')].find((b) => b.textContent.trim() === 'Block sender')!;
    const event = oneEvent(el, 'ethora-message-action');
    item.click();
    expect((await event).detail).to.deep.equal({ action: 'block', emoji: undefined, key: 'k2' });
  });

  it('never offers it for our own message', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${own} canBlock></ethora-message>`);
    const menu = await hoverMenu(el);
    menu.shadowRoot!.querySelector<HTMLButtonElement>('.more')!.click();
    await menu.updateComplete;
    expect([...menu.shadowRoot!.querySelectorAll('.item')].map((b) => b.textContent.trim())).not.to.include('Block sender');
  });

  it('collapses a blocked user’s message to one line until revealed', async () => {
    const el = await fixture<MessageElement>(html`<ethora-message .message=${theirs} blocked></ethora-message>`);
    expect(el.shadowRoot!.querySelector('[part=body]')).to.equal(null);
    const line = el.shadowRoot!.querySelector('ethora-blocked-line')!;
    await line.updateComplete;
    expect(line.shadowRoot!.textContent).to.contain('Hidden message from a blocked user');
    line.shadowRoot!.querySelector<HTMLButtonElement>('[part=reveal]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=body]')!.textContent).to.equal('theirs');
  });
});
