// What the shipped script changes in StanzaJS: the files left out (STUBS), replaced by ours
// (SHIMS) and edited (PATCHES). build/stanza-build.mjs applies them, for the script and for the
// tests' StanzaJS alike.

/**
 * StanzaJS loads every plugin and every stanza definition, Jingle (voice/video calls, with an
 * SDP library) included; a chat widget never makes calls or file transfers. Definitions of
 * extensions the widget never reads become empty lists: Jingle and its transports, OMEMO,
 * in-band/SOCKS5 bytestreams, real-time text, PEP geolocation/mood/activity/tune, Atom,
 * XHTML-IM, bits of binary, thumbnails, hashes, external services; vCards and vCard avatars,
 * PEP avatars, in-band registration, ad-hoc commands, privacy lists, user search, form layout,
 * stream compression, extended addressing, JSON payloads, push, roster exchange, invisibility,
 * component handshake, client state indication, attention, host-meta XRD and BOSH; stanza
 * headers (SHIM), user nicknames (XEP-0172), hats, idle times, encryption markers (EME) and
 * Jingle XML streams; others' entity capabilities and occupant ids (XEP-0115, XEP-0421), entity
 * time and software version (XEP-0202, XEP-0092: the widget does not tell others its clock, time
 * zone or library), and message carbons, receipts and chat markers (XEP-0280, XEP-0184, XEP-0333:
 * the widget never enables carbons, sends no receipts or markers, and reads neither). Nothing in
 * src/ uses them (checked with grep); a stanza carrying such elements still parses, without them.
 * Kept on purpose, for features on their way: pubsub/PEP items, disco, data forms (MAM search),
 * private storage and bookmarks, SASL.
 */
export const UNUSED_DEFINITIONS = [
  'xep0016',
  'xep0033',
  'xep0047',
  'xep0050',
  'xep0054',
  'xep0055',
  'xep0065',
  'xep0071',
  'xep0077',
  'xep0080',
  'xep0084',
  'xep0092',
  'xep0107',
  'xep0108',
  'xep0114',
  'xep0115',
  'xep0118',
  'xep0124',
  'xep0131',
  'xep0138',
  'xep0141',
  'xep0144',
  'xep0153',
  'xep0158',
  'xep0166',
  'xep0167',
  'xep0172',
  'xep0176',
  'xep0177',
  'xep0184',
  'xep0186',
  'xep0202',
  'xep0215',
  'xep0221',
  'xep0224',
  'xep0231',
  'xep0234',
  'xep0247',
  'xep0260',
  'xep0261',
  'xep0264',
  'xep0280',
  'xep0300',
  'xep0301',
  'xep0317',
  'xep0319',
  'xep0320',
  'xep0333',
  'xep0335',
  'xep0338',
  'xep0343',
  'xep0352',
  'xep0357',
  'xep0380',
  'xep0384',
  'xep0421',
  'rfc4287',
  'xrd',
];
/**
 * StanzaJS plugins the widget never calls, each replaced by a plugin that adds nothing: Jingle,
 * account management, avatars, ad-hoc commands, host-meta discovery (the widget always names
 * its WebSocket URL, src/protocol/stanza-client.ts), the pubsub and PEP methods and events
 * (the widget sends its pubsub IQs itself, src/protocol/bookmarks.ts, and reads MucSub events
 * from the `message` event; the pubsub definitions stay); `entity`, which answered others' entity
 * time and version queries and listed in disco#info some twenty features the widget does not
 * have (src/protocol/room-admin.ts asks for last activity itself); and `messaging`, which only
 * re-emitted carbons, receipts, markers, chat states and corrections as events nothing listens
 * to, and sent receipts for one-to-one messages that the widget never shows; `roster`: the widget
 * never asks for its roster nor subscribes to presence, and sends and answers its XEP-0191 block
 * list IQs itself (src/protocol/social.ts); roster pushes it never asked for are refused.
 */
export const UNUSED_PLUGINS = ['jingle', 'account', 'avatar', 'command', 'hostmeta', 'pubsub', 'pep', 'entity', 'messaging', 'roster'];

const EMPTY_DEFINITIONS = 'export default [];';
const EMPTY_CLASS = 'export default class {}';
const EMPTY_PLUGIN = 'export default function () {}';

/** [file pattern, replacement code (an ES module)]: files replaced by fixed code. */
export const STUBS = [
  [/node_modules\/stanza\/jingle\/index\.js$/, 'export {};'],
  // Real-time text (exported as Stanza.RTT, unused), and BOSH and DNS/host-meta discovery: the
  // widget connects by WebSocket to the URL it is given (`bosh: false`).
  [/node_modules\/stanza\/helpers\/RTT\.js$/, 'export {};'],
  [/node_modules\/stanza\/transports\/bosh\.js$/, EMPTY_CLASS],
  [/node_modules\/stanza\/helpers\/NetworkDiscovery\.js$/, EMPTY_CLASS],
  // The stream parser is src/platform/xml-parser.ts's, like the XML parser (SHIMS).
  [/node_modules\/stanza\/jxt\/StreamParser\.js$/, "export { StreamParser as default } from './Parser';"],
  // XHTML-IM's sanitizer, used by the XEP-0071 definitions only (stubbed above): nothing sanitized is kept.
  [/node_modules\/stanza\/jxt\/sanitizers\/XHTMLIM\.js$/, 'export default () => undefined;'],
  [new RegExp(`node_modules/stanza/plugins/(${UNUSED_PLUGINS.join('|')})\\.js$`), EMPTY_PLUGIN],
  [new RegExp(`node_modules/stanza/protocol/(${UNUSED_DEFINITIONS.join('|')})\\.js$`), EMPTY_DEFINITIONS],
];

/**
 * [file pattern, our TypeScript module, { import in it: path StanzaJS requires it by }?]:
 * StanzaJS's files replaced by smaller ones of ours (src/platform/).
 */
export const SHIMS = [
  // 10 KB gzip of Unicode 3.2 tables: the browser's case mapping and NFKC, and a check.
  [/node_modules\/stanza\/lib\/stringprep\/index\.js$/, 'src/platform/stringprep.ts'],
  [/node_modules\/punycode\/punycode(\.es6)?\.js$/, 'src/platform/punycode.ts'],
  // Its Client's task queues: a binary heap and methods nothing calls, for an array in order.
  [/node_modules\/stanza\/lib\/AsyncPriorityQueue\.js$/, 'src/platform/priority-queue.ts'],
  // ~17 KB gzip: the buffer, readable-stream, string decoder and process polyfills and the
  // stream-based hash classes, for a Buffer subset and two stream classes (SCRAM: WebCrypto).
  [/node_modules\/stanza\/platform\/browser\/index\.js$/, 'src/platform/stanza-platform.ts'],
  // The browser's XML parser, one WebSocket frame at a time, for StanzaJS's parser in JavaScript.
  [/node_modules\/stanza\/jxt\/Parser\.js$/, 'src/platform/xml-parser.ts'],
  // Node's `events` (StanzaJS requires it): ours, not the npm package (resolved by EVENTS_ID).
  [/\/src\/platform\/events\.ts$/, 'src/platform/events.ts'],
  // Its SASL library (factory, mechanisms, SCRAM in JavaScript) for the mechanisms the widget
  // signs in with, SCRAM by WebCrypto; it imports our stringprep by StanzaJS's path (one copy).
  [/node_modules\/stanza\/lib\/sasl\/index\.js$/, 'src/platform/sasl.ts', { './stringprep': '../stringprep' }],
];

/** [file pattern, [text or RegExp, replacement]...]: edits in StanzaJS's files; one that matches nothing fails the build. */
export const PATCHES = [
  // Its SASL mechanisms: our factory (src/platform/sasl.ts, SHIMS) knows the ones the widget signs
  // in with and their order. Left out: DIGEST-MD5 (obsolete, RFC 6331), EXTERNAL (a TLS client
  // certificate), OAUTHBEARER (a `token` credential: the widget gives a password, which may be a
  // token, to SCRAM, X-OAUTH2 or PLAIN), and the SCRAM -PLUS variants (channel binding needs
  // TLS data a browser does not have: picked, they failed).
  //
  // The WebSocket before the stanza definitions: StanzaJS registered them all (~15 ms of a cold
  // start) in its constructor, before the socket was made. Its registry now registers them on its
  // first use (import, export, define, lookups), and connect() right after making the socket, so
  // they are registered while it opens; nothing is parsed or written before its first frame.
  [
    /node_modules\/stanza\/Client\.js$/,
    [/(this\.sasl = new SASL\.Factory\(\);)(\s+this\.sasl\.register\('[\w-]+', SASL\.\w+, \d+\);)+/, '$1'],
    ['this.stanzas.define(protocol_1.default);', 'this.stanzas.defineOnUse(protocol_1.default);'],
    ['this.transport.connect(config);\n            return;', 'this.transport.connect(config);\n            this.stanzas.definePending();\n            return;'],
    // One ack request (XEP-0198 <r/>) for what a task wrote, not one after every stanza: a
    // session start wrote six <r/> and read six <a/> back; the server's one <a h=N/>
    // acknowledges them all. It goes on the transport the stanzas went on, unless
    // that one is closing (no <r/> after our <close/>).
    [
      "await this.transport.send(kind, stanza);\n                    if (ackRequest) {\n                        this.transport?.send('sm', { type: 'request' });\n                    }",
      "const transport = this.transport;\n                    await transport.send(kind, stanza);\n                    if (ackRequest && this.askingAck !== transport) {\n                        this.askingAck = transport;\n                        setTimeout(() => {\n                            if (this.askingAck === transport) this.askingAck = undefined;\n                            if (this.transport === transport && !transport.closing) transport.send('sm', { type: 'request' }).catch(() => {});\n                        });\n                    }",
    ],
  ],
  // Its sasl plugin: our mechanisms answer asynchronously (WebCrypto), and a success counts only
  // if the mechanism accepts it: SCRAM checks the server's signature (StanzaJS never did).
  [
    /node_modules\/stanza\/plugins\/sasl\.js$/,
    ['const resp = mech.createResponse(credentials);', 'const resp = await mech.createResponse(credentials);'],
    ['value: mech.createResponse(credentials)', 'value: await mech.createResponse(credentials)'],
    [
      'switch (sasl.type) {',
      "const type = sasl.type === 'success' && (mech.processSuccess(sasl.value), !mech.finalize().authenticated) ? 'abort' : sasl.type;\n            switch (type) {",
    ],
  ],
  // Resource binding right behind the stream restart that follows SASL, not after the new stream's
  // features: binding is mandatory for a server (RFC 6120), and the server reads the restart's
  // <open/> first, so the bind needs no answer: one round trip fewer before the session starts.
  // Not when a XEP-0198 session is to be resumed instead (the <resume/> replaces the bind).
  [/node_modules\/stanza\/plugins\/features\.js$/, ['client.transport.restart();', "client.transport.restart();\n                client.emit('--restarted');"]],
  [
    /node_modules\/stanza\/plugins\/bind\.js$/,
    [
      "    client.registerFeature('bind', 300, async (features, cb) => {\n        try {\n            const resp = await client.sendIQ({\n                bind: {\n                    resource: client.config.resource\n                },\n                type: 'set'\n            });",
      "    const bind = () => client.sendIQ({ bind: { resource: client.config.resource }, type: 'set' });\n    client.on('--restarted', () => {\n        if (client.features.negotiated.sasl && !(client.sm.id && client.sm.allowResume)) (client.binding = bind()).catch(() => {});\n    });\n    client.registerFeature('bind', 300, async (features, cb) => {\n        try {\n            const pipelined = client.binding;\n            client.binding = undefined;\n            const resp = await (pipelined ?? bind());",
    ],
    ["    client.on('--reset-stream-features', () => {\n", '$&        client.binding = undefined;\n'],
  ],
  // The registry's side of it (see Client.js above): definitions kept until its first use.
  [
    /node_modules\/stanza\/jxt\/Registry\.js$/,
    [
      '    setLanguageResolver(resolver) {',
      '    defineOnUse(defs) {\n        (this.pending ??= []).push(defs);\n    }\n    definePending() {\n        const defs = this.pending;\n        if (defs) {\n            this.pending = undefined;\n            this.define(defs);\n        }\n    }\n$&',
    ],
    // The methods others call (the rest are called by these).
    ...[
      'import(xml, context = { registry: this }) {',
      'export(path, data, context = { registry: this }) {',
      "getImportKey(xml, path = '') {",
      'define(defs) {',
    ].map((head) => [`    ${head}\n`, `$&        this.definePending();\n`]),
  ],
  // Entity capabilities (XEP-0115) of our own: nothing calls `client.updateCaps()`, so no caps
  // are ever computed or sent; the methods and the hash code they need go (the caps of others'
  // presences are still parsed, and disco#info queries still answered).
  [
    /node_modules\/stanza\/plugins\/disco\.js$/,
    [/\n {4}client\.updateCaps = \(\) => \{\n[\s\S]*?\n {4}\};\n {4}client\.getCurrentCaps = \(\) => \{\n[\s\S]*?\n {4}\};\n/, '\n'],
  ],
  [
    /node_modules\/stanza\/helpers\/DiscoManager\.js$/,
    ['const EntityCaps = __importStar(require("./LegacyEntityCapabilities"));\n', ''],
    [/\n {4}updateCaps\(node, algorithms = this\.capsAlgorithms\) \{\n[\s\S]*?\n {4}\}\n {4}getCaps\(\) \{\n[\s\S]*?\n {4}\}\n/, '\n'],
  ],
  // The XEP-0107/0108 mood and activity tables (their definitions are stubbed above). And the
  // stream namespaces stanzas are defined in: a browser's client stream is jabber:client only.
  // StanzaJS defined message, presence, iq and error four times (also for server-to-server,
  // components and BOSH), a quarter of the registry's work at a cold start; a stanza or a
  // forwarded one (XEP-0297) in another namespace is now an unknown element, and ignored.
  [
    /node_modules\/stanza\/Constants\.js$/,
    [/exports\.StreamType = \{[^}]*\};/, 'exports.StreamType = {\n    Client: Namespaces_1.NS_CLIENT\n};'],
    [/exports\.USER_MOODS = \[[^\]]*\];/, 'exports.USER_MOODS = [];'],
    [/exports\.USER_ACTIVITY_GENERAL = \[[^\]]*\];/, 'exports.USER_ACTIVITY_GENERAL = [];'],
    [/exports\.USER_ACTIVITY_SPECIFIC = \[[^\]]*\];/, 'exports.USER_ACTIVITY_SPECIFIC = [];'],
  ],
  // Its XML parser class is gone (src/platform/xml-parser.ts, SHIMS): `JXT.parse` and the stream parser stay.
  [
    /node_modules\/stanza\/jxt\/index\.js$/,
    ['Object.defineProperty(exports, "Parser", { enumerable: true, get: function () { return __importDefault(Parser_1).default; } });\n', ''],
  ],
  // A WebSocket text frame is already a string: no UTF-8 encode/decode round trip per frame.
  [
    /node_modules\/stanza\/transports\/websocket\.js$/,
    ["platform_1.Buffer.from(chunk, 'utf8').toString()", 'String(chunk)'],
    ["platform_1.Buffer.from(wsMsg.data, 'utf8').toString()", "(typeof wsMsg.data === 'string' ? wsMsg.data : platform_1.Buffer.from(wsMsg.data).toString())"],
  ],
];

/** Client methods that PATCHES remove although StanzaJS names them (its own callers go too). */
export const PATCHED_METHODS = ['updateCaps', 'getCurrentCaps'];
