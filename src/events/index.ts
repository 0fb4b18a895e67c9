/**
 * Every public event of the widget, by name: the one registry the global event map (and the
 * README's events table, by test) follows. A new event class goes here.
 */
import {
  EthoraAttachEvent,
  EthoraCancelEvent,
  EthoraEditLastEvent,
  EthoraJumpEvent,
  EthoraMessageActionEvent,
  EthoraRetryEvent,
  EthoraRevealEvent,
  EthoraSendEvent,
  EthoraTypingEvent,
} from './message-events.js';
import {
  EthoraBackEvent,
  EthoraCloseEvent,
  EthoraRoomFilterEvent,
  EthoraRoomLeaveEvent,
  EthoraRoomSelectEvent,
  EthoraSearchSelectEvent,
  EthoraSearchToggleEvent,
  EthoraSettingsToggleEvent,
} from './room-events.js';
import {
  EthoraConnectionChangeEvent,
  EthoraErrorEvent,
  EthoraLoginEvent,
  EthoraMessageReceivedEvent,
  EthoraMessageSentEvent,
  EthoraRoomOpenEvent,
  EthoraUnreadChangeEvent,
} from './session-events.js';

export { EthoraEvent } from './ethora-event.js';
export * from './message-events.js';
export * from './room-events.js';
export * from './session-events.js';

export const ethoraEvents = {
  'ethora-connection-change': EthoraConnectionChangeEvent,
  'ethora-message-received': EthoraMessageReceivedEvent,
  'ethora-message-sent': EthoraMessageSentEvent,
  'ethora-unread-change': EthoraUnreadChangeEvent,
  'ethora-room-open': EthoraRoomOpenEvent,
  'ethora-error': EthoraErrorEvent,
  'ethora-login': EthoraLoginEvent,
  'ethora-room-select': EthoraRoomSelectEvent,
  'ethora-room-leave': EthoraRoomLeaveEvent,
  'ethora-room-filter': EthoraRoomFilterEvent,
  'ethora-search-select': EthoraSearchSelectEvent,
  'ethora-search-toggle': EthoraSearchToggleEvent,
  'ethora-settings-toggle': EthoraSettingsToggleEvent,
  'ethora-back': EthoraBackEvent,
  'ethora-close': EthoraCloseEvent,
  'ethora-send': EthoraSendEvent,
  'ethora-retry': EthoraRetryEvent,
  'ethora-message-action': EthoraMessageActionEvent,
  'ethora-jump': EthoraJumpEvent,
  'ethora-typing': EthoraTypingEvent,
  'ethora-attach': EthoraAttachEvent,
  'ethora-edit-last': EthoraEditLastEvent,
  'ethora-cancel': EthoraCancelEvent,
  'ethora-reveal': EthoraRevealEvent,
} as const;

export type EthoraEventName = keyof typeof ethoraEvents;
/** Each event's class instance, by name. */
export type EthoraEventMap = { [K in EthoraEventName]: InstanceType<(typeof ethoraEvents)[K]> };
/** Each event's `detail`, by name. */
export type EthoraEventDetails = { [K in EthoraEventName]: EthoraEventMap[K]['detail'] };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends EthoraEventMap {}
}
