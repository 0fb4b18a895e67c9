/** Events of the room list, the room's header and actions, and the panels. */
import { EthoraEvent } from './ethora-event.js';

/** The user opened a room from the list (or an invitation). */
export class EthoraRoomSelectEvent extends EthoraEvent<{ room: string }> {
  static readonly type = 'ethora-room-select';
  constructor(detail: { room: string }) {
    super(EthoraRoomSelectEvent.type, detail);
  }
}

/**
 * The user confirmed leaving a room (from the room actions). Cancelable: dispatched before the
 * room is left; `preventDefault()` keeps the user in it.
 */
export class EthoraRoomLeaveEvent extends EthoraEvent<{ room: string }> {
  static readonly type = 'ethora-room-leave';
  constructor(detail: { room: string }) {
    super(EthoraRoomLeaveEvent.type, detail, true);
  }
}

/** The room search text changed (from `<ethora-room-list-toolbar>`). */
export class EthoraRoomFilterEvent extends EthoraEvent<{ query: string }> {
  static readonly type = 'ethora-room-filter';
  constructor(detail: { query: string }) {
    super(EthoraRoomFilterEvent.type, detail);
  }
}

/** The settings button of the room list was pressed. */
export class EthoraSettingsToggleEvent extends EthoraEvent {
  static readonly type = 'ethora-settings-toggle';
  constructor() {
    super(EthoraSettingsToggleEvent.type, null);
  }
}

/** The message search button of the room list was pressed. */
export class EthoraSearchToggleEvent extends EthoraEvent {
  static readonly type = 'ethora-search-toggle';
  constructor() {
    super(EthoraSearchToggleEvent.type, null);
  }
}

/** The user went back to the room list (narrow layout). */
export class EthoraBackEvent extends EthoraEvent {
  static readonly type = 'ethora-back';
  constructor() {
    super(EthoraBackEvent.type, null);
  }
}

/** A panel (new room, find rooms, members, room settings) was closed or finished its job. */
export class EthoraCloseEvent extends EthoraEvent {
  static readonly type = 'ethora-close';
  constructor() {
    super(EthoraCloseEvent.type, null);
  }
}

/** What a search result names: the room, the message's key, and its archive id where known. */
export interface SearchSelectDetail {
  room: string;
  key: string;
  stanzaId?: string;
}

/** The user chose a search result (the widget opens its room and shows the message there). */
export class EthoraSearchSelectEvent extends EthoraEvent<SearchSelectDetail> {
  static readonly type = 'ethora-search-select';
  constructor(detail: SearchSelectDetail) {
    super(EthoraSearchSelectEvent.type, detail);
  }
}
