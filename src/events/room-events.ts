/** Events of the room list, the room's header and actions, and the panels. */
import { eventClass } from './ethora-event.js';

/** The user opened a room from the list (or an invitation). */
export const EthoraRoomSelectEvent = eventClass<{ room: string }>('ethora-room-select');
export type EthoraRoomSelectEvent = InstanceType<typeof EthoraRoomSelectEvent>;

/**
 * The user confirmed leaving a room (from the room actions). Cancelable: dispatched before the
 * room is left; `preventDefault()` keeps the user in it.
 */
export const EthoraRoomLeaveEvent = eventClass<{ room: string }>('ethora-room-leave', true);
export type EthoraRoomLeaveEvent = InstanceType<typeof EthoraRoomLeaveEvent>;

/** The room search text changed (from `<ethora-room-list-toolbar>`). */
export const EthoraRoomFilterEvent = eventClass<{ query: string }>('ethora-room-filter');
export type EthoraRoomFilterEvent = InstanceType<typeof EthoraRoomFilterEvent>;

/** The settings button of the room list was pressed. */
export const EthoraSettingsToggleEvent = eventClass('ethora-settings-toggle');
export type EthoraSettingsToggleEvent = InstanceType<typeof EthoraSettingsToggleEvent>;

/** The message search button of the room list was pressed. */
export const EthoraSearchToggleEvent = eventClass('ethora-search-toggle');
export type EthoraSearchToggleEvent = InstanceType<typeof EthoraSearchToggleEvent>;

/** The user went back to the room list (narrow layout). */
export const EthoraBackEvent = eventClass('ethora-back');
export type EthoraBackEvent = InstanceType<typeof EthoraBackEvent>;

/** A panel (new room, find rooms, members, room settings) was closed or finished its job. */
export const EthoraCloseEvent = eventClass('ethora-close');
export type EthoraCloseEvent = InstanceType<typeof EthoraCloseEvent>;

/** What a search result names: the room, the message's key, and its archive id where known. */
export interface SearchSelectDetail {
  room: string;
  key: string;
  stanzaId?: string;
}

/** The user chose a search result (the widget opens its room and shows the message there). */
export const EthoraSearchSelectEvent = eventClass<SearchSelectDetail>('ethora-search-select');
export type EthoraSearchSelectEvent = InstanceType<typeof EthoraSearchSelectEvent>;
