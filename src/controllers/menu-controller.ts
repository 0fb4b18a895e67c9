import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export interface MenuOptions {
  /** The menu's focusable items, in order. */
  items: () => HTMLElement[];
  /** The button that opens the menu: focus goes back to it on close. */
  button: () => HTMLElement | null | undefined;
  /** While true, focus leaving the menu does not close it (an action is running). */
  busy?: () => boolean;
  /** Left and right arrows also move among this many leading items (a row of emoji). */
  rowLength?: number;
}

/**
 * A popup menu behind a button: opening focuses the first item, arrow keys, Home and End move,
 * Escape closes and gives focus back to the button, and focus leaving the menu closes it.
 * `swap()` replaces the focused item (a confirmation step) without that counting as leaving.
 */
export class MenuController implements ReactiveController {
  private isOpen = false;
  private swapping = false;

  constructor(
    private readonly host: Host,
    private readonly options: MenuOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  get open(): boolean {
    return this.isOpen;
  }

  set open(value: boolean) {
    if (value === this.isOpen) return;
    this.isOpen = value;
    this.host.requestUpdate();
  }

  /** Opens (focusing the first item) or closes the menu. */
  async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    await this.host.updateComplete;
    this.options.items()[0]?.focus();
  }

  /** Closes the menu and gives focus back to its button. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.options.button()?.focus();
  }

  /** Applies a change that replaces the focused item, then focuses what `focus` picks. */
  async swap(change: () => void, focus: () => HTMLElement | null | undefined): Promise<void> {
    this.swapping = true;
    try {
      change();
      this.host.requestUpdate();
      await this.host.updateComplete;
      focus()?.focus();
    } finally {
      this.swapping = false;
    }
  }

  readonly onKey = (e: KeyboardEvent): void => {
    const items = this.options.items();
    const active = (this.host.renderRoot as ShadowRoot).activeElement as HTMLElement | null;
    const at = Math.max(0, items.indexOf(active as HTMLElement));
    const row = this.options.rowLength ?? 0;
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === 'ArrowDown' || (e.key === 'ArrowRight' && at < row)) move(at + 1);
    else if (e.key === 'ArrowUp' || (e.key === 'ArrowLeft' && at < row)) move(at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
  };

  readonly onFocusOut = (e: FocusEvent): void => {
    const next = e.relatedTarget as Node | null;
    if (this.swapping || this.options.busy?.()) return;
    if (!next || !this.host.renderRoot.contains(next)) this.open = false;
  };
}
