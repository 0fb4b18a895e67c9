import { LitElement, html } from 'lit';
import { EthoraRoomFilterEvent, EthoraSearchToggleEvent, EthoraSettingsToggleEvent } from '../events/room-events.js';
import { consume } from '@lit/context';
import { property } from 'lit/decorators.js';
import { localeContext } from '../i18n/locale-context.js';
import { english, type Translator } from '../i18n/translator.js';
import { searchIcon } from './icons.js';
import { theme } from './theme.js';
import { roomListToolbarStyles } from './room-list-toolbar-element.styles.js';

/**
 * Above the room list: a search box that filters rooms by name, the button that searches
 * messages in all rooms, and the settings button.
 *
 * @fires ethora-room-filter {CustomEvent<{query: string}>} the search text changed
 * @fires ethora-settings-toggle {CustomEvent} the user opened or closed the settings
 * @fires ethora-search-toggle {CustomEvent} the user opened or closed the message search
 * @csspart search, search-messages-button, settings-button
 *
 * @tag ethora-room-list-toolbar
 */
export class RoomListToolbarElement extends LitElement {
  static override styles = [theme, roomListToolbarStyles];

  /** The widget's language, from the enclosing <ethora-chat>. */
  @consume({ context: localeContext, subscribe: true }) @property({ attribute: false }) i18n: Translator = english;

  /** The settings are shown. */
  @property({ type: Boolean }) settingsOpen = false;
  /** The message search is shown. */
  @property({ type: Boolean }) searchOpen = false;

  protected override render() {
    return html`<input type="search" part="search" aria-label=${this.i18n.t('Search rooms')} placeholder=${this.i18n.t('Search rooms')} maxlength="100"
        @input=${this.onInput} @keydown=${this.onKey} />
      <button part="search-messages-button" aria-label=${this.i18n.t('Search messages in all rooms')} title=${this.i18n.t('Search messages in all rooms')}
        aria-expanded=${this.searchOpen ? 'true' : 'false'} @click=${() => this.dispatchEvent(new EthoraSearchToggleEvent())}>${searchIcon}</button>
      <button part="settings-button" aria-label=${this.i18n.t('Settings')} aria-expanded=${this.settingsOpen ? 'true' : 'false'} @click=${this.onSettings}>⚙</button>`;
  }

  private onInput(e: Event): void {
    this.emitFilter((e.target as HTMLInputElement).value);
  }

  private onKey(e: KeyboardEvent): void {
    const input = e.target as HTMLInputElement;
    if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      this.emitFilter('');
    }
  }

  private emitFilter(query: string): void {
    this.dispatchEvent(new EthoraRoomFilterEvent({ query }));
  }

  private onSettings(): void {
    this.dispatchEvent(new EthoraSettingsToggleEvent());
  }
}
