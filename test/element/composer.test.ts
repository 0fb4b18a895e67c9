import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { ComposerElement } from '../../src/elements/composer-element.js';

async function composer() {
  const el = await fixture<ComposerElement>(html`<ethora-composer></ethora-composer>`);
  const sent: string[] = [];
  el.addEventListener('ethora-send', (e) => sent.push((e as CustomEvent<{ text: string }>).detail.text));
  el.focus();
  const input = el.shadowRoot!.querySelector('textarea')!;
  return { el, input, sent };
}

describe('<ethora-composer>', () => {
  it('sends on Enter and clears the input', async () => {
    const { input, sent } = await composer();
    await sendKeys({ type: 'hello there' });
    await sendKeys({ press: 'Enter' });
    expect(sent).to.deep.equal(['hello there']);
    expect(input.value).to.equal('');
  });

  it('makes a new line on Shift+Enter instead of sending', async () => {
    const { input, sent } = await composer();
    await sendKeys({ type: 'line 1' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line 2' });
    expect(sent).to.deep.equal([]);
    expect(input.value).to.equal('line 1\nline 2');
    await sendKeys({ press: 'Enter' });
    expect(sent).to.deep.equal(['line 1\nline 2']);
  });

  it('does not send blank text', async () => {
    const { sent } = await composer();
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    expect(sent).to.deep.equal([]);
  });

  it('has an accessible name', async () => {
    const { input } = await composer();
    expect(input.getAttribute('aria-label')).to.equal('Write a message');
  });
});
