import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Distance (px) from the bottom that still counts as "at the bottom". */
const EDGE = 48;
/** How long (ms) after the reader's last wheel, touch, key or pointer press a scroll may be theirs. */
const INPUT_WINDOW = 500;
/** What the reader does to scroll. */
const INPUTS = ['wheel', 'touchstart', 'touchmove', 'keydown', 'pointerdown'] as const;

/**
 * Keeps a chat timeline where the reader left it while its content changes: pinned to the
 * newest message when the reader is at the bottom; otherwise the first visible item stays
 * at the same place on screen when older messages are put above it or items grow (message
 * elements render after their list, images load). Items are the scroller's descendants with
 * a `data-key` attribute; the scroller must be their offset parent (position: relative).
 * Items may also go away above the reader (a window of the timeline moving down): the first
 * visible item still holds its place.
 */
export class ScrollAnchorController implements ReactiveController {
  /** The reader is at the newest message. */
  stuck = true;
  private anchor?: { key: string; offset: number };
  /** Reports the content's size after each layout that changed it, and once after each observe(): see hostUpdated(). */
  private readonly resize = new ResizeObserver(() => this.placeNow());
  private observed?: Element;
  /** Where our own last programmatic scroll put the scroller: its scroll event is not the reader's. */
  private ownTop?: number;
  /** The content's height when we last placed it: a scroll event after it changed is the layout's. */
  private ownHeight?: number;
  /** scrollTop when the reader's position was last read: a scroll event that finds it there is late. */
  private readTop?: number;
  /** The view is to be placed after an update: at the next layout, by the ResizeObserver. */
  private pending = false;
  /** Settles once the view is placed after the last update (see placed()). */
  private placing?: { promise: Promise<void>; done: () => void };
  /** The host updated since the view was last placed: its content may have shrunk and grown again. */
  private changed = false;
  /** When the reader last used the wheel, a touch, a key or a pointer over the host. */
  private input = -Infinity;
  private readonly onInput = (): void => void (this.input = performance.now());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly scroller: () => HTMLElement | null | undefined,
    private readonly content: () => Element | null | undefined,
    /** The rendered items reach the newest message (false while a window of older ones is shown). */
    private readonly atEnd: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    for (const type of INPUTS) this.host.addEventListener(type, this.onInput, { passive: true });
  }

  hostUpdated(): void {
    this.changed = true;
    const content = this.content();
    if (content && this.pending && content === this.observed) return;
    if (this.observed) this.resize.unobserve(this.observed);
    this.observed = content ?? undefined;
    if (!content) return this.placeNow();
    // Placed after the next layout, before it paints: a new observation reports the content's size
    // then, changed or not (hidden or detached too), once the item elements (they render after
    // their list) and every other render of that frame are done. Reading the layout here would
    // force one of a half-rendered list; reading it in an animation frame, one before that frame's
    // other renders: a second layout each time.
    this.pending = true;
    this.resize.observe(content);
  }

  hostDisconnected(): void {
    for (const type of INPUTS) this.host.removeEventListener(type, this.onInput);
    this.resize.disconnect();
    this.observed = undefined;
    this.pending = false;
    this.settlePlacing();
  }

  /**
   * Resolves once the view is placed after the last update (at once when it already is). Read
   * the scroller's position only after it: until then it is where the content left it.
   */
  placed(): Promise<void> {
    if (!this.pending) return Promise.resolve();
    if (!this.placing) {
      let done!: () => void;
      const promise = new Promise<void>((resolve) => (done = resolve));
      this.placing = { promise, done };
    }
    return this.placing.promise;
  }

  /** Call from the scroller's scroll listener: remembers where the reader is. */
  onScroll(): void {
    const el = this.scroller();
    // Following the newest items, which changed since the view was placed, and the reader did
    // nothing: every rule below would put the view back at the bottom (the fourth says why), and
    // the placement due after this frame's layout does. Reading scrollTop now would force a layout.
    if (!el || (this.stuck && this.changed && performance.now() - this.input > INPUT_WINDOW)) return;
    if (this.ownTop !== undefined && Math.abs(el.scrollTop - this.ownTop) < 2) {
      // Our own scroll, seen after the content may have grown again: hold the position.
      this.restore();
      return;
    }
    if (this.ownHeight !== undefined && el.scrollHeight !== this.ownHeight && el.scrollHeight - el.clientHeight - el.scrollTop < 1) {
      // The content changed since we placed it and the browser clamped scrollTop to the new
      // end (items went away): this scroll is the layout's, not the reader's, so place the
      // view again. (The browser moves scrollTop by itself only so: overflow-anchor is off.
      // Any other position is the reader's, even while messages stream in.)
      this.restore();
      return;
    }
    if (this.readTop !== undefined && Math.abs(el.scrollTop - this.readTop) < 1) {
      // Nothing moved since the reader's position was read: the event of that same scroll, come
      // after the content changed (items put above it) and read over other items. Hold the view.
      if (this.changed) this.restore();
      return;
    }
    if (this.stuck && this.changed && performance.now() - this.input > INPUT_WINDOW) {
      // The content changed since we placed the view, and the reader did nothing: the layout
      // moved scrollTop (content that shrank, clamping it, then grew back before this event).
      this.restore();
      return;
    }
    this.ownTop = undefined;
    this.readTop = el.scrollTop;
    this.stuck = this.atEnd() && el.scrollHeight - el.scrollTop - el.clientHeight < EDGE;
    this.anchor = this.stuck ? undefined : this.firstVisible(el);
  }

  /** Jumps to the newest message and stays there. */
  toBottom(): void {
    this.stuck = true;
    this.anchor = undefined;
    this.restore();
  }

  /** The reader leaves the newest message (older ones are about to be shown): hold what is in view now. */
  unstick(): void {
    const el = this.scroller();
    // Items changed since the view was placed (its frame is to come): what is under scrollTop now
    // is not what the reader sees; that frame holds the anchor already taken.
    if (!this.stuck && this.anchor && this.changed) return;
    this.stuck = false;
    this.anchor = el ? this.firstVisible(el) : undefined;
  }

  /**
   * Brings an item to the middle of the view and holds it there while the content around it
   * settles (message elements rendering, images loading), until the reader scrolls.
   */
  reveal(item: HTMLElement): void {
    const el = this.scroller();
    if (!el || !item.dataset.key) return;
    this.stuck = false;
    this.anchor = { key: item.dataset.key, offset: (el.clientHeight - item.offsetHeight) / 2 };
    this.restore();
  }

  /** Starts over at the bottom (another room is shown). */
  reset(): void {
    this.toBottom();
  }

  private placeNow(): void {
    this.pending = false;
    this.restore();
    // What waited for the placement runs after this frame: run from the observer, an update it
    // made would resize what the observer watches in the same frame, which browsers report as
    // an error ("ResizeObserver loop completed with undelivered notifications").
    const placing = this.placing;
    this.placing = undefined;
    if (placing) setTimeout(placing.done);
  }

  private settlePlacing(): void {
    this.placing?.done();
    this.placing = undefined;
  }

  private restore(): void {
    const el = this.scroller();
    if (!el) return;
    let placed = true;
    if (this.stuck) {
      el.scrollTop = el.scrollHeight;
    } else {
      const a = this.anchor;
      const item = a && el.querySelector<HTMLElement>(`[data-key="${CSS.escape(a.key)}"]`);
      if (item) el.scrollTop = item.offsetTop - a.offset;
      else placed = false; // nothing to hold: the next scroll is the reader's
    }
    this.ownTop = placed ? el.scrollTop : undefined;
    this.ownHeight = el.scrollHeight;
    this.readTop = undefined;
    this.changed = false;
  }

  private firstVisible(el: HTMLElement): { key: string; offset: number } | undefined {
    const top = el.scrollTop;
    for (const item of el.querySelectorAll<HTMLElement>('[data-key]')) {
      if (item.offsetTop + item.offsetHeight > top) return { key: item.dataset.key!, offset: item.offsetTop - top };
    }
    return undefined;
  }
}
