// The Prosody suite: the core integration tests, unchanged, against the server kit's prosody profile
// (Debian's Prosody 0.12 instead of ejabberd). Run by `npm run test:prosody` (scripts/test-prosody.mjs),
// which sets ETHORA_KIT_PROFILE=prosody; the tests read the server from window.ETHORA_TEST_SERVER and
// skip what needs ejabberd (itEjabberd: MucSub, the Ethora dialect's server modules).
import base from './web-test-runner.config.mjs';

export const PROSODY_FILES = [
  'test/integration/chat.test.ts', // sign-in, wrong password, both-way messages
  'test/integration/sign-in.test.ts', // our SASL: SCRAM with the server's signature checked, a wrong password
  'test/integration/rooms.test.ts', // members-only refusal, nick conflict, no voice, reading position
  'test/integration/rooms-create.test.ts', // create, find, join, invite, private chats, settings, delete
  'test/integration/history.test.ts', // MAM paging to the start
  'test/integration/messages.test.ts', // edit, delete, reactions, replies, typing
  'test/integration/media.test.ts', // HTTP upload (XEP-0363)
  'test/integration/reconnect.test.ts', // server restart, Retry, the online event
  'test/integration/faults-session.test.ts', // resume, and a new session caught up from MAM
  'test/integration/faults-link.test.ts', // cut, stall, slow and one-way links: every message once, in order
  'test/integration/history-cache.test.ts', // warm and offline start, reconciled with the archive, per account
  'test/integration/bookmarks.test.ts', // a user's rooms from XEP-0402 bookmarks, kept on entering, dropped on leaving
];

export default { ...base, files: PROSODY_FILES };
