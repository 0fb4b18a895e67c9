/**
 * Routes one incoming StanzaJS message to the wire event it is. An action (edit, retraction,
 * reaction set) is only ever that: its fallback body must not also show up as a message.
 */
import type { Stanzas } from 'stanza';
import { parseAction } from './parse-actions.js';
import { parseChatState, parseConfigChange, parseSubject } from './parse-events.js';
import { parseInvite } from './parse-invites.js';
import { parseMessageError, parseRoomMessage } from './parse-message.js';
import type { ConnectionHandlers } from './types.js';

export type Emit = <K extends keyof ConnectionHandlers>(name: K, arg: Parameters<NonNullable<ConnectionHandlers[K]>>[0]) => void;

export function routeMessage(m: Stanzas.Message, emit: Emit): void {
  if (m?.type === 'error') {
    const e = parseMessageError(m);
    if (e) emit('messageError', e);
    return;
  }
  // Invitations carry a human-readable body for old clients: they are never chat messages.
  const invite = parseInvite(m);
  if (invite) return emit('invite', invite);
  const action = parseAction(m);
  if (action) {
    if (action.kind === 'edit') emit('edit', action.edit);
    else if (action.kind === 'retraction') emit('retraction', action.retraction);
    else emit('reactions', action.reactions);
    return;
  }
  const message = parseRoomMessage(m);
  if (message) emit('message', message);
  // A chat state may ride on a message (XEP-0085 <active/> with a body), so not else-if.
  const chatState = parseChatState(m);
  if (chatState) emit('chatState', chatState);
  const subject = parseSubject(m);
  if (subject) emit('subject', subject);
  const config = parseConfigChange(m);
  if (config) emit('configChanged', config);
}
