import { expect } from '@open-wc/testing';
import { server } from '../../support/kit.js';

// StanzaJS's tsc CommonJS as ES modules in the script and the tests' StanzaJS (build/stanza-esm.mjs,
// run on the Node side by test/build-commands-plugin.mjs).
type Converted = { code?: string; error?: string };
const toEsm = (code: string, file = 'x.js'): Promise<Converted> => server<Converted>('stanza-to-esm', { code, file });
const lines = (code = ''): string[] => code.split('\n').filter((line) => line.trim());

/** The exports of an ES module with no imports, run in this page. */
async function evaluated(code: string): Promise<Record<string, unknown>> {
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  try {
    return (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const HELPERS = `var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}) : (function(o, m, k, k2) {
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
`;

describe('StanzaJS as ES modules (build/stanza-esm.mjs)', () => {
  it('turns requires into imports and exports into one export list, without the interop helpers', async () => {
    const code = `"use strict";
${HELPERS}Object.defineProperty(exports, "__esModule", { value: true });
exports.Client = exports.parse = exports.Parser = void 0;
exports.createClient = createClient;
const Client_1 = __importDefault(require("./Client"));
exports.Client = Client_1.default;
const JID = __importStar(require("./JID"));
const events_1 = require("events");
require("./side-effect");
__exportStar(require("./helpers/StreamManagement"), exports);
var Parser_1 = require("./Parser");
Object.defineProperty(exports, "Parser", { enumerable: true, get: function () { return __importDefault(Parser_1).default; } });
Object.defineProperty(exports, "parse", { enumerable: true, get: function () { return Parser_1.parse; } });
class Agent extends events_1.EventEmitter {
}
exports.default = Agent;
function createClient(opts) {
    return new Client_1.default(JID.parse(opts.jid));
}
`;
    const { code: esm, error } = await toEsm(code);
    expect(error).to.equal(undefined);
    expect(lines(esm)).to.deep.equal([
      'import * as Client_1 from "./Client";',
      'var Client = Client_1.default;',
      'import * as JID from "./JID";',
      'import * as events_1 from "events";',
      'import "./side-effect";',
      'export * from "./helpers/StreamManagement";',
      'import * as Parser_1 from "./Parser";',
      'export { default as Parser } from "./Parser";',
      'export { parse as parse } from "./Parser";',
      'class Agent extends events_1.EventEmitter {',
      '}',
      'function createClient(opts) {',
      '    return new Client_1.default(JID.parse(opts.jid));',
      '}',
      'export { createClient, Client, Agent as default };',
    ]);
  });

  it('keeps what the module exports and reads of its own exports: enums, values set twice, live variables', async () => {
    const code = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.count = exports.list = exports.attribute = exports.Kind = void 0;
exports.bump = bump;
var Kind;
(function (Kind) {
    Kind["Chat"] = "chat";
})(Kind || (exports.Kind = Kind = {}));
exports.attribute = (name) => '@' + name;
exports.list = [(0, exports.attribute)('to'), Kind.Chat];
exports.list = exports.list.concat(['again']);
let count = 0;
exports.count = count;
function bump() {
    exports.count = count += 1;
    return exports.count;
}
`;
    const { code: esm, error } = await toEsm(code);
    expect(error).to.equal(undefined);
    const module = await evaluated(esm ?? '');
    expect(Object.keys(module).sort()).to.deep.equal(['Kind', 'attribute', 'bump', 'count', 'list']);
    expect(module.Kind).to.deep.equal({ Chat: 'chat' });
    expect(module.list).to.deep.equal(['@to', 'chat', 'again']);
    expect((module.bump as () => number)()).to.equal(1);
    expect(module.count).to.equal(1);
  });

  it('fails, with the file and line, on whatever it does not know', async () => {
    const refused = {
      'module.exports = {};': '`module` outside an import',
      'exports["x"] = 1;': 'a use of `exports` it does not know',
      'Object.defineProperty(exports, "x", { value: 1 });': 'a use of `exports` it does not know',
      'module.exports.x = 1;': '`module` outside an import',
      'function lazy() { return require("./x"); }': '`require` outside an import',
      'const x = require("./x").x;': '`require` outside an import',
      'function later() { exports.x = 1; }': 'an export set where it does not expect one',
      'const self = this;': 'a top-level `this`',
      'const x_1 = __importDefault(x);': '`__importDefault` outside an import',
      'console.log(exports.x);': 'export x read but never set',
    };
    for (const [statement, reason] of Object.entries(refused)) {
      const { code, error } = await toEsm(`"use strict";\nconst a = 1;\n${statement}\n`, 'lib/odd.js');
      expect(code, statement).to.equal(undefined);
      expect(error, statement).to.contain(`stanza-esm: lib/odd.js:3: ${reason}`);
    }
  });

  it('leaves no CommonJS in the tests’ StanzaJS (built like the script)', async () => {
    const bundle = await (await fetch('/.cache/stanza.js')).text();
    for (const word of ['__esModule', '__importStar', '__importDefault', '__exportStar', 'require(', 'module.exports', 'exports.'])
      expect(bundle.includes(word), word).to.equal(false);
  });
});
