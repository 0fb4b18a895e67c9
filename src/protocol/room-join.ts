/**
 * MUC join with the things StanzaJS's joinRoom lacks: a timeout, no legacy history
 * (history comes from MAM), and a nick suffix when the nick is taken.
 */
import type { Agent, Stanzas } from 'stanza';
import { humanError, XmppError } from './errors.js';
import { parseJid } from './jid.js';
import { parseJoinError, parseOccupant } from './parse-presence.js';
import { request } from './room-requests.js';
import type { Affiliation, Role } from './types.js';

/** nick, nick2, nick3, nick4: then give up with 'conflict'. */
const NICK_TRIES = 4;

export interface Joined {
  /** The nick the room gave us. */
  nick: string;
  /**
   * The room did not exist: we created it (status 201), and it waits for its configuration:
   * XEP-0045 §10.1 locks it (others are refused, item-not-found) until its owner submits a
   * configuration form or accepts the default one (acceptDefaultConfiguration). Prosody does;
   * ejabberd opens new rooms at once.
   */
  created: boolean;
  affiliation: Affiliation;
  role: Role;
}

/** Joins `room` (bare, lower-case). */
export async function joinRoom(client: Agent, room: string, nick: string, timeoutMs: number): Promise<Joined> {
  for (let i = 1; ; i++) {
    try {
      return await joinOnce(client, room, i === 1 ? nick : `${nick}${i}`, timeoutMs);
    } catch (err) {
      if ((err as XmppError).condition !== 'conflict' || i >= NICK_TRIES) throw err;
    }
  }
}

function joinOnce(client: Agent, room: string, nick: string, timeoutMs: number): Promise<Joined> {
  return new Promise((resolve, reject) => {
    const onPresence = (presence: Stanzas.ReceivedPresence): void => {
      if (parseJid(presence.from)?.bare !== room) return;
      const error = parseJoinError(presence);
      if (error) {
        done();
        reject(new XmppError(error.condition, error.reason));
        return;
      }
      // The room may rewrite the nick (XEP-0045 status 210), so trust the self-presence.
      const occupant = parseOccupant(presence);
      if (occupant?.self && occupant.available) {
        done();
        resolve({ nick: occupant.nick, created: occupant.created === true, affiliation: occupant.affiliation, role: occupant.role });
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(new XmppError('timeout', humanError('timeout', 'join')));
    }, timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      client.off('presence', onPresence);
    };
    client.on('presence', onPresence);
    client.sendPresence({ to: `${room}/${nick}`, muc: { type: 'join', history: { maxStanzas: 0 } } });
  });
}

/**
 * Accepts the default configuration of a room our join created: XEP-0045 §10.1.2's instant room,
 * an empty submitted form, which unlocks it. A submitted configuration form unlocks it too.
 */
export async function acceptDefaultConfiguration(client: Agent, room: string): Promise<void> {
  await request(client, client.configureRoom(room, {}));
}
