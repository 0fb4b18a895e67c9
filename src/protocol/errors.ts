/**
 * Human text for XMPP error conditions, in one table so that wording stays consistent.
 * The same condition means different things depending on what failed (a `forbidden` join is
 * a ban, a `forbidden` message is a missing voice), hence one column per context.
 * Server-supplied `<text>` is not shown: it is untrusted, unlocalised and often technical.
 */

export type ErrorContext = 'join' | 'message' | 'request';

const JOIN: Record<string, string> = {
  forbidden: /* i18n */ 'You are banned from this room',
  'registration-required': /* i18n */ 'This room is members-only',
  conflict: /* i18n */ 'That nickname is already in use',
  'item-not-found': /* i18n */ 'This room does not exist',
  'not-authorized': /* i18n */ 'This room needs a password',
  'service-unavailable': /* i18n */ 'This room is full',
  'not-allowed': /* i18n */ 'You are not allowed to create this room',
  'not-acceptable': /* i18n */ 'That nickname is not allowed in this room',
  'jid-malformed': /* i18n */ 'That nickname is not valid',
  'remote-server-not-found': /* i18n */ 'The server hosting this room cannot be reached',
  timeout: /* i18n */ 'The room did not answer',
};

const MESSAGE: Record<string, string> = {
  forbidden: /* i18n */ 'You are not allowed to send messages to this room',
  'not-authorized': /* i18n */ 'You are not allowed to send messages to this room',
  // ejabberd: "Only occupants are allowed to send messages to the conference".
  'not-acceptable': /* i18n */ 'You are not in this room',
  'not-allowed': /* i18n */ 'This message was not allowed in this room',
  'item-not-found': /* i18n */ 'This room does not exist',
  'resource-constraint': /* i18n */ 'You are sending messages too fast',
  'policy-violation': /* i18n */ 'The server rejected this message',
  'remote-server-not-found': /* i18n */ 'The server hosting this room cannot be reached',
  'service-unavailable': /* i18n */ 'The room is not accepting messages',
};

const REQUEST: Record<string, string> = {
  forbidden: /* i18n */ 'You are not allowed to do that',
  'not-authorized': /* i18n */ 'You are not allowed to do that',
  'not-allowed': /* i18n */ 'You are not allowed to do that',
  'item-not-found': /* i18n */ 'Not found',
  'bad-request': /* i18n */ 'The server did not understand the request',
  'feature-not-implemented': /* i18n */ 'The server does not support this',
  'service-unavailable': /* i18n */ 'The server does not support this',
  'internal-server-error': /* i18n */ 'The server had an internal error',
  'remote-server-not-found': /* i18n */ 'The other server cannot be reached',
  'remote-server-timeout': /* i18n */ 'The other server did not answer',
  'resource-constraint': /* i18n */ 'The server is busy, try again later',
  timeout: /* i18n */ 'The server did not answer in time',
};

const TABLES: Record<ErrorContext, Record<string, string>> = { join: JOIN, message: MESSAGE, request: REQUEST };
const FALLBACK: Record<ErrorContext, string> = {
  join: /* i18n */ 'Could not join this room',
  message: /* i18n */ 'The message was not delivered',
  request: /* i18n */ 'The request failed',
};

/** Human text for a stanza error condition in the given context. */
export function humanError(condition: string | undefined, context: ErrorContext = 'request'): string {
  const table = TABLES[context];
  if (condition && Object.prototype.hasOwnProperty.call(table, condition)) return table[condition];
  if (condition && Object.prototype.hasOwnProperty.call(REQUEST, condition)) return REQUEST[condition];
  return FALLBACK[context];
}

const STREAM: Record<string, string> = {
  'not-authorized': /* i18n */ 'Wrong username or password',
  // ejabberd sends conflict both for a login replacing this resource and for an admin kick.
  conflict: /* i18n */ 'The server ended this session',
  'host-unknown': /* i18n */ 'The chat server does not serve this domain',
  'system-shutdown': /* i18n */ 'The chat server is shutting down',
  'connection-timeout': /* i18n */ 'The chat server stopped answering',
  'policy-violation': /* i18n */ 'The chat server closed the connection',
  reset: /* i18n */ 'The chat server reset the connection',
};

/** Human text for a stream error condition (RFC 6120 §4.9.3). */
export function humanStreamError(condition: string | undefined): string {
  if (condition && Object.prototype.hasOwnProperty.call(STREAM, condition)) return STREAM[condition];
  return 'The chat server closed the connection';
}

/** An Error that keeps the XMPP condition so callers can branch without parsing text. */
export class XmppError extends Error {
  readonly condition: string;
  constructor(condition: string, message: string) {
    super(message);
    this.name = 'XmppError';
    this.condition = condition;
  }
}

/**
 * StanzaJS rejects IQ promises with the error IQ itself (or an IQ-shaped timeout object),
 * not an Error; this turns whatever was thrown into an XmppError.
 */
export function toXmppError(thrown: unknown, context: ErrorContext = 'request'): XmppError {
  if (thrown instanceof XmppError) return thrown;
  if (thrown instanceof Error) return new XmppError('undefined-condition', thrown.message);
  const condition = conditionOf(thrown) ?? 'undefined-condition';
  return new XmppError(condition, humanError(condition, context));
}

/** The `error.condition` of an error stanza-like value, if any. */
export function conditionOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const error = (value as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const condition = (error as { condition?: unknown }).condition;
  return typeof condition === 'string' ? condition : undefined;
}
