import { expect, fixture, html as fhtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { ScrollAnchorController } from '../../src/controllers/scroll-anchor-controller.js';

/** A scroller of fixed height holding items whose heights the test changes. */
class AnchorHost extends LitElement {
  heights: number[] = Array.from({ length: 40 }, () => 50);
  /** The first item's key number: lower it to put items above with keys of their own. */
  first = 0;
  readonly anchoring = new ScrollAnchorController(
    this,
    () => this.log,
    () => this.list,
  );
  get log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }
  get list(): HTMLElement | null {
    return this.renderRoot.querySelector('ul');
  }
  item(i: number): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>(`[data-key="k${i}"]`)!;
  }
  override render() {
    return html`<div class="log" style="height: 300px; overflow: auto; position: relative">
      <ul style="margin: 0; padding: 0">${this.heights.map((h, i) => html`<li data-key="k${this.first + i}" style="height: ${h}px">${i}</li>`)}</ul>
    </div>`;
  }
}
customElements.define('anchor-host', AnchorHost);

const frames = (n = 3) =>
  new Promise<void>((r) => {
    const step = (k: number) => (k ? requestAnimationFrame(() => step(k - 1)) : r());
    step(n);
  });
/** Where an item is on screen: its top relative to the scroller's top edge. */
const onScreen = (host: AnchorHost, i: number) => host.item(i).offsetTop - host.log!.scrollTop;

/**
 * The reader scrolls to item 20 (its scroll event handled at once), then three older items are
 * put above and rendered; the frame that places the view has not come yet.
 */
async function readerThenItemsAbove(): Promise<{ host: AnchorHost; log: HTMLElement }> {
  const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
  await frames();
  const log = host.log!;
  log.scrollTop = 20 * 50;
  host.anchoring.onScroll();
  host.first = -3;
  host.heights = [50, 50, 50, ...host.heights];
  host.requestUpdate();
  await host.updateComplete;
  return { host, log };
}

describe('ScrollAnchorController', () => {
  it('starts at the newest item and stays there as items grow', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
    host.heights = host.heights.map((h) => h + 10);
    host.requestUpdate();
    await host.updateComplete;
    await frames();
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
  });

  it('reads no layout while its host updates: the view is placed after the next layout, then placed() resolves', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    let reads = 0;
    const scrollHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight')!;
    Object.defineProperty(log, 'scrollHeight', {
      configurable: true,
      get() {
        reads++;
        return scrollHeight.get!.call(this) as number;
      },
    });
    host.heights = [...host.heights, 80, 80];
    host.requestUpdate();
    await host.updateComplete;
    // A layout read here would be forced (the list has changed since the last frame).
    expect(reads, 'layout reads during the update').to.equal(0);
    await host.anchoring.placed();
    expect(reads).to.be.above(0);
    expect((scrollHeight.get!.call(log) as number) - log.scrollTop - log.clientHeight).to.be.below(2);
    expect(onScreen(host, 41)).to.equal(300 - 80);
    await host.anchoring.placed(); // nothing pending: at once
  });

  it('places an update made in an animation frame before that frame paints, not a frame later', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    log.scrollTop = 20 * 50;
    host.anchoring.onScroll();
    await frames();
    const held = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        // Asked before the update, so it runs first in the next frame: what this frame painted.
        requestAnimationFrame(() => resolve(onScreen(host, 20)));
        // Three items put above and three gone below: the content keeps its height.
        host.first = -3;
        host.heights = [50, 50, 50, ...host.heights.slice(0, -3)];
        host.requestUpdate();
      }),
    );
    expect(held, 'the reader’s item, from the top of the view').to.equal(0);
  });

  it('reads no layout for a scroll event while it follows new items the reader did nothing about', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    let reads = 0;
    for (const name of ['scrollTop', 'scrollHeight', 'clientHeight'] as const) {
      const native = Object.getOwnPropertyDescriptor(Element.prototype, name)!;
      Object.defineProperty(log, name, {
        configurable: true,
        get() {
          reads++;
          return native.get!.call(this) as number;
        },
        set: native.set && ((v: number) => native.set!.call(log, v)),
      });
    }
    host.heights = [...host.heights, 80];
    host.requestUpdate();
    await host.updateComplete;
    host.anchoring.onScroll(); // the browser's event for the scroll the new item's layout caused
    expect(reads, 'layout reads in the scroll event').to.equal(0);
    await host.anchoring.placed();
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
    expect(host.anchoring.stuck).to.equal(true);
  });

  it('reveal() puts an item in the middle and holds it there while the content around it settles', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    host.anchoring.reveal(host.item(10));
    const placed = onScreen(host, 10);
    expect(placed).to.be.closeTo((300 - 50) / 2, 1);
    // Items above and below grow (message elements render after their list): a reader pinned
    // to the newest item would be carried to the bottom; the revealed item must stay put.
    host.heights = host.heights.map((h) => h * 2);
    host.requestUpdate();
    await host.updateComplete;
    await frames();
    expect(onScreen(host, 10)).to.be.closeTo(placed, 1);
    expect(host.anchoring.stuck).to.equal(false);
  });

  it('after reveal(), the reader scrolling takes over', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    host.anchoring.reveal(host.item(10));
    await frames();
    host.log!.scrollTop = host.log!.scrollHeight;
    host.anchoring.onScroll();
    expect(host.anchoring.stuck).to.equal(true);
  });
});

describe('ScrollAnchorController while the content changes', () => {
  it('takes a scroll up as the reader leaving the newest item, even in the frame a new item grew', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    // A message renders taller before the controller has seen it (its ResizeObserver runs at
    // the next frame), and the reader scrolls up in the same moment.
    host.item(39).style.height = '120px';
    log.scrollTop = 400;
    host.anchoring.onScroll();
    expect(host.anchoring.stuck).to.equal(false);
    await frames();
    expect(log.scrollTop).to.be.closeTo(400, 1);
  });

  it('takes the browser clamping scrollTop after items went away for the layout, not the reader', async () => {
    const host = await fixture<AnchorHost>(fhtml`<anchor-host></anchor-host>`);
    await frames();
    const log = host.log!;
    // Items above go away (the window moved down): the browser clamps scrollTop to the new end.
    for (let i = 0; i < 5; i++) host.item(i).style.height = '0px';
    host.item(39).style.height = '10px';
    host.anchoring.onScroll();
    expect(host.anchoring.stuck).to.equal(true);
    await frames();
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
  });

  it('takes a late scroll event that finds the view unmoved, after items were put above, for the layout', async () => {
    // The reader's scroll event was handled; older items arrive above before the browser's own
    // event for that scroll, which finds scrollTop where the reader left it, over other items.
    const { host, log } = await readerThenItemsAbove();
    host.anchoring.onScroll();
    await frames();
    expect(onScreen(host, 20)).to.equal(0);
    expect(log.scrollTop).to.equal(23 * 50);
  });

  it('after holding the view, takes the reader scrolling back to the same scrollTop as theirs', async () => {
    const { host, log } = await readerThenItemsAbove();
    await frames();
    expect(log.scrollTop).to.equal(23 * 50);
    // The reader goes up three items, back to the scrollTop they had before: their scroll.
    log.scrollTop = 20 * 50;
    host.anchoring.onScroll();
    // The next change holds what the reader now sees, not what was held before.
    host.heights = [...host.heights, 50];
    host.requestUpdate();
    await host.updateComplete;
    await frames();
    expect(log.scrollTop).to.equal(20 * 50);
    expect(onScreen(host, 17)).to.equal(0);
  });

  it('unstick() right after items were put above, before the frame that places them, keeps the reader’s item', async () => {
    const { host } = await readerThenItemsAbove();
    // Older ones are about to be shown (the window moves up) in the same task.
    host.anchoring.unstick();
    await frames();
    expect(onScreen(host, 20)).to.equal(0);
  });
});
