import { createContext } from '@lit/context';
import type { ChatSession } from '../session/chat-session.js';

/** The session an `<ethora-chat>` provides to the elements inside it. A stable service:
 * data travels by store subscriptions, never by changing this value. */
export const sessionContext = createContext<ChatSession | undefined>(Symbol('ethora-session'));
