import { BlockedLineElement } from './blocked-line-element.js';
import { ChatElement } from './chat-element.js';
import { ComposerElement } from './composer-element.js';
import { ConnectionStatusElement } from './connection-status-element.js';
import { LoginElement } from './login-element.js';
import { MessageElement } from './message-element.js';
import { MessageMenuElement } from './message-menu-element.js';
import { RoomElement } from './room-element.js';
import { RoomActionsElement } from './room-actions-element.js';
import { RoomListElement } from './room-list-element.js';
import { RoomListToolbarElement } from './room-list-toolbar-element.js';
import { SettingsElement } from './settings-element.js';
import { InvitationsElement } from './invitations-element.js';
import { MembersElement } from './members-element.js';
import { NewRoomElement } from './new-room-element.js';
import { RoomBrowserElement } from './room-browser-element.js';
import { RoomSettingsElement } from './room-settings-element.js';
import { SearchElement } from './search-element.js';

export const VERSION = '0.1.0';

export const elements = {
  'ethora-chat': ChatElement,
  'ethora-room-list': RoomListElement,
  'ethora-room': RoomElement,
  'ethora-message': MessageElement,
  'ethora-message-menu': MessageMenuElement,
  'ethora-composer': ComposerElement,
  'ethora-connection-status': ConnectionStatusElement,
  'ethora-login': LoginElement,
  'ethora-blocked-line': BlockedLineElement,
  'ethora-room-actions': RoomActionsElement,
  'ethora-room-list-toolbar': RoomListToolbarElement,
  'ethora-settings': SettingsElement,
  'ethora-new-room': NewRoomElement,
  'ethora-room-browser': RoomBrowserElement,
  'ethora-invitations': InvitationsElement,
  'ethora-members': MembersElement,
  'ethora-room-settings': RoomSettingsElement,
  'ethora-search': SearchElement,
} as const;

declare global {
  interface HTMLElementTagNameMap {
    'ethora-chat': ChatElement;
    'ethora-room-list': RoomListElement;
    'ethora-room': RoomElement;
    'ethora-message': MessageElement;
    'ethora-message-menu': MessageMenuElement;
    'ethora-composer': ComposerElement;
    'ethora-connection-status': ConnectionStatusElement;
    'ethora-login': LoginElement;
    'ethora-blocked-line': BlockedLineElement;
    'ethora-room-actions': RoomActionsElement;
    'ethora-room-list-toolbar': RoomListToolbarElement;
    'ethora-settings': SettingsElement;
    'ethora-new-room': NewRoomElement;
    'ethora-room-browser': RoomBrowserElement;
    'ethora-invitations': InvitationsElement;
    'ethora-members': MembersElement;
    'ethora-room-settings': RoomSettingsElement;
    'ethora-search': SearchElement;
  }
}

const versionKey = Symbol.for('ethora-chat.version');

/**
 * Registers the elements. Safe to call twice, and safe when a page loads two copies of the
 * script (a CMS embed): tags already defined are left alone, with a warning when the copy
 * that defined them is another version.
 */
export function defineElements(): void {
  const registry = globalThis as { [versionKey]?: string };
  const existing = registry[versionKey];
  if (existing && existing !== VERSION) console.warn(`ethora-chat ${VERSION}: version ${existing} is already loaded; keeping it`);
  for (const [tag, cls] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, cls);
  }
  registry[versionKey] ??= VERSION;
}
