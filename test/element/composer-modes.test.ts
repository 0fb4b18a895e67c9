import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ComposerElement } from '../../src/elements/composer-element.js';

async function composer() {
  const el = await fixture<ComposerElement>(html`<ethora-composer></ethora-composer>`);
  el.focus();
  return { el, input: el.shadowRoot!.querySelector('textarea')! };
}

describe('<ethora-composer> keyboard paths', () => {
  it('asks to edit the last message on Up in an empty input, not when there is text', async () => {
    const { el } = await composer();
    setTimeout(() => void sendKeys({ press: 'ArrowUp' }));
    await oneEvent(el, 'ethora-edit-last');
    let asked = false;
    el.addEventListener('ethora-edit-last', () => (asked = true));
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'ArrowUp' });
    expect(asked).to.equal(false);
  });

  it('fills the input in edit mode, says Save, and Escape cancels', async () => {
    const { el, input } = await composer();
    el.mode = { kind: 'edit', text: 'old text' };
    await el.updateComplete;
    expect(input.value).to.equal('old text');
    expect(el.shadowRoot!.querySelector('[part=send]')!.textContent).to.equal('Save');
    expect(el.shadowRoot!.querySelector('[part=mode]')!.textContent).to.contain('Editing');
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'ethora-cancel');
    expect(input.value).to.equal('');
  });

  it('shows whom a reply answers', async () => {
    const { el } = await composer();
    el.mode = { kind: 'reply', author: 'Bob <b>', text: 'the original' };
    await el.updateComplete;
    const mode = el.shadowRoot!.querySelector('[part=mode]')!;
    expect(mode.textContent).to.contain('Replying to Bob <b>');
    expect(mode.querySelector('b b')).to.equal(null);
  });

  it('says composing on the first keystroke and paused on blur, not once per key', async () => {
    const { el } = await composer();
    const states: string[] = [];
    el.addEventListener('ethora-typing', (e) => states.push((e as CustomEvent<{ state: string }>).detail.state));
    await sendKeys({ type: 'hello' });
    expect(states).to.deep.equal(['composing']);
    el.shadowRoot!.querySelector('textarea')!.blur();
    expect(states).to.deep.equal(['composing', 'paused']);
  });
});
