import type { LitElement, ReactiveController, ReactiveControllerHost } from 'lit';
import { WHOLE, WINDOW_MAX, around, newest, placeWindow, revealNewer, revealOlder, type TimelineWindow } from '../elements/timeline-window.js';
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
    const placed = placeWindow(this.messages, this.window, this.keep ? this.keep === 'bottom' : this.config.anchoring.stuck);
    this.keep = undefined;
    this.window = placed.window;
    this.shown = { start: placed.start, end: placed.end };
  }

  hostUpdated(): void {
    void this.maybeReveal();
  }

  /** Another room is shown: its newest messages. */
  reset(): void {
    this.window = newest(this.messages);
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
    if (!room || !this.config.log()) return;
    // Measure only once the messages have rendered: before that the list looks empty and
    // "at the top", which would fetch a page nobody asked for.
    const messages = [...(this.config.log()?.querySelectorAll<LitElement>('ethora-message') ?? [])];
    await Promise.all(messages.map((m) => m.updateComplete));
    // And only once the view is placed (the next frame): before that, a window just grown at the
    // top still looks "at the top" and would be moved again, skipping the messages it shows.
    await this.config.anchoring.placed();
    const log = this.config.log();
    // Not laid out (hidden): nothing is "at the top", and nothing would ever fill it.
    if (!log || this.config.room() !== room || log.clientHeight === 0) return;
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
