/** Public entry: defines the `<ethora-*>` elements and exports their classes and the headless core. */
import { defineElements } from './elements/define.js';

export { defineElements, VERSION } from './elements/define.js';
export { ChatElement } from './elements/chat-element.js';
export { RoomElement } from './elements/room-element.js';
export { RoomListElement } from './elements/room-list-element.js';
export { MessageElement } from './elements/message-element.js';
export { ComposerElement } from './elements/composer-element.js';
export { ConnectionStatusElement } from './elements/connection-status-element.js';
export { LoginElement } from './elements/login-element.js';
export { RoomActionsElement } from './elements/room-actions-element.js';
export { RoomListToolbarElement } from './elements/room-list-toolbar-element.js';
export { SettingsElement } from './elements/settings-element.js';
export { BlockedLineElement } from './elements/blocked-line-element.js';
export { shouldNotify, type NotifyInput } from './session/notifications.js';
export { ChatSession, type SessionOptions, type MessageFilter } from './session/chat-session.js';
export * from './events/index.js';
export { ChatStore, type ConnectionState, type ConnectionStatus, type Topic } from './state/chat-store.js';
export type { Message, DeliveryStatus } from './state/message.js';
export type { Room, Occupant, JoinState } from './state/room.js';

defineElements();
