import type { LitElement, ReactiveController, ReactiveControllerHost } from 'lit';
import {
  FIRST_STEP,
  RENDER_STEP,
  WHOLE,
  WINDOW_MAX,
  around,
  newest,
  placeWindow,
  revealNewer,
  revealOlder,
  steppedStart,
  type TimelineWindow,
} from '../elements/timeline-window.js';
import type { Message } from '../state/message.js';
import type { Room } from '../state/room.js';
import type { ScrollAnchorController } from './scroll-anchor-controller.js';

/** Distance (px) from an end of the window at which the next messages are shown. */
const EDGE = 48;

export interface TimelineWindowConfig {
  /** The room shown (undefined: none). */
  room: () => Room | undefined;
  /** The scrolling timeline, once rendered. */
  log: () => HTMLElement | null | undefined;
  /** Keeps the reader's place while the window moves. */
  anchoring: ScrollAnchorController;
  /** Asks the archive for the page before the oldest loaded message. */
  loadOlder: () => void;
}

/**
 * Which part of a room's loaded timeline is rendered (timeline-window.ts: at most WINDOW_MAX
 * messages). It is placed before each render; reaching its top shows older messages (from
 * memory, else the archive) and reaching its bottom newer ones; a reader at the newest message
 * follows new ones. `shown` is the [start, end) of the rendered messages.
 */
export class TimelineWindowController implements ReactiveController {
  shown = { start: 0, end: 0 };
  /** The rendered part, by message keys. */
  private window: TimelineWindow = WHOLE;
  /** Which end the next update keeps when it cuts the window (the one it just grew at). */
  private keep?: 'top' | 'bottom';
  /** The next update renders the window whole (a message the reader jumps to must be in it). */
  private whole = false;
  /** The first and last message rendered by the last update (undefined: none, or none yet in this room). */
  private rendered?: { top: string; bottom: string };
  /** The window following the newest messages is not rendered whole yet: it fills in the next frames. */
  filling = false;
  private fillFrame = 0;
  /** Frames of the fill-in since an update last rendered new messages at the bottom. */
  private quietFrames = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: TimelineWindowConfig,
  ) {
    host.addController(this);
  }

  /** The rendered messages reach the newest loaded one. */
  get atEnd(): boolean {
    return this.shown.end >= (this.config.room()?.timeline.size ?? 0);
  }

  hostUpdate(): void {
    const messages = this.messages;
    const following = !this.keep && !this.whole && this.config.anchoring.stuck;
    const placed = placeWindow(messages, this.window, this.keep ? this.keep === 'bottom' : this.config.anchoring.stuck);
    this.keep = undefined;
    this.whole = false;
    this.window = placed.window;
    // Following the newest: what a burst brought renders a step at a time, the newest first, and
    // what is held above fills in once two of the fill's frames passed with nothing new below (one
    // is not enough: an update deferred to the next frame finds what came meanwhile rendered); a
    // room with nothing rendered yet shows its first page whole.
    const step = this.rendered ? RENDER_STEP : FIRST_STEP;
    const was = this.renderedSpan(messages);
    const start = following && placed.end === messages.length ? steppedStart(placed.start, placed.end, was, step, this.quietFrames > 1) : placed.start;
    if (!was || placed.end > was.end) this.quietFrames = 0;
    this.filling = start > placed.start;
    this.shown = { start, end: placed.end };
    this.rendered = start < placed.end ? { top: messages[start].key, bottom: messages[placed.end - 1].key } : undefined;
  }

  hostUpdated(): void {
    if (this.filling) this.fillFrame ||= requestAnimationFrame(() => ((this.fillFrame = 0), this.quietFrames++, this.host.requestUpdate()));
    void this.maybeReveal();
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.fillFrame);
    this.fillFrame = 0;
  }

  /** What the last update rendered, as indices in this list (undefined: none of it is left). */
  private renderedSpan(messages: readonly Message[]): { start: number; end: number } | undefined {
    if (!this.rendered) return undefined;
    const { top, bottom } = this.rendered;
    let start = -1;
    let end = -1;
    for (let i = messages.length - 1; i >= 0 && (start < 0 || end < 0); i--) {
      if (messages[i].key === bottom) end = i + 1;
      if (messages[i].key === top) start = i;
    }
    return start >= 0 && end > start ? { start, end } : undefined;
  }

  /** Another room is shown: its newest messages. */
  reset(): void {
    this.window = newest(this.messages);
    this.rendered = undefined;
  }

  /** Call from the timeline's scroll listener (after the anchoring's). */
  onScroll(): void {
    void this.maybeReveal();
  }

  showOlder(): void {
    this.config.anchoring.unstick();
    this.move(revealOlder(this.messages, this.window), 'top');
  }

  showNewer(): void {
    this.move(revealNewer(this.messages, this.window), 'bottom');
  }

  /** The newest messages, and the reader with them. */
  toBottom(): void {
    this.move(newest(this.messages));
    this.config.anchoring.toBottom();
  }

  /** Renders the window around one message; resolves with its list item once rendered. */
  async around(key: string): Promise<HTMLElement | undefined> {
    this.move(around(this.messages, key));
    this.whole = true;
    await this.host.updateComplete;
    return this.config.log()?.querySelector<HTMLElement>(`li[data-key="${CSS.escape(key)}"]`) ?? undefined;
  }

  private get messages() {
    return this.config.room()?.timeline.messages ?? [];
  }

  private move(window: TimelineWindow, keep?: 'top' | 'bottom'): void {
    this.window = window;
    this.keep = keep;
    this.host.requestUpdate();
  }

  /**
   * At the top of the window (or when the timeline does not fill the view): older messages,
   * from the loaded timeline or else the archive. At the bottom of a window that does not
   * reach the newest message: newer ones.
   */
  private async maybeReveal(): Promise<void> {
    const room = this.config.room();
    if (!room || !this.config.log() || this.filling) return;
    // Following the newest messages with the window full: nothing to reveal at either end.
    if (this.config.anchoring.stuck && this.atEnd && this.shown.end - this.shown.start >= WINDOW_MAX) return;
    // Measure only once the messages have rendered: before that the list looks empty and
    // "at the top", which would fetch a page nobody asked for.
    const messages = [...(this.config.log()?.querySelectorAll<LitElement>('ethora-message') ?? [])];
    await Promise.all(messages.map((m) => m.updateComplete));
    // And only once the view is placed (the next frame): before that, a window just grown at the
    // top still looks "at the top" and would be moved again, skipping the messages it shows.
    await this.config.anchoring.placed();
    const log = this.config.log();
    // Not laid out (hidden): nothing is "at the top", and nothing would ever fill it. A window
    // still filling in (above) is not "at the top" either.
    if (!log || this.config.room() !== room || log.clientHeight === 0 || this.filling) return;
    const short = log.scrollHeight <= log.clientHeight && this.shown.end - this.shown.start < WINDOW_MAX;
    // A reader pinned to the newest messages is not "at the top", whatever scrollTop says before the pin is applied.
    if ((!this.config.anchoring.stuck && log.scrollTop < EDGE) || short) {
      if (this.shown.start > 0) this.showOlder();
      else if (room.historyFetched && !room.loadingHistory && !room.historyError && !room.timeline.complete) this.config.loadOlder();
    } else if (this.shown.end < room.timeline.size && log.scrollHeight - log.scrollTop - log.clientHeight < EDGE) {
      this.showNewer();
    }
  }
}
