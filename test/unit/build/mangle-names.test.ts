import { expect } from '@open-wc/testing';
import { server } from '../../support/kit.js';

// The member names the build lets terser shorten (build/mangle-names.mjs), computed by the same
// rule on a few files of the test's own (run on the Node side by test/build-commands-plugin.mjs).
// Every name here is unlike any of src/, so that this file (a word list the real rule reads)
// takes none from the script.
const names = (files: Record<string, string>, outside = ''): Promise<string[]> => server<string[]>('mangle-names', { files, outside });

/** An internal class with one member `member`, used through its class only, and an entry module. */
const internal = (member: string, extra = '') => ({
  'index.ts': `import { Inner } from './inner.js';\nexport function start(): void { new Inner().${member}(); }\n${extra}`,
  'inner.ts': `export class Inner {\n  ${member}(): number { return 1; }\n}\n`,
});

describe('build: member names terser may shorten (build/mangle-names.mjs)', function () {
  this.timeout(60000);

  it('renames a public member of a class src/index.ts does not export', async () => {
    expect(await names(internal('zqInnerWork'))).to.deep.equal(['zqInnerWork']);
  });

  it('refuses a name code outside src/ uses (a test, a page, a library)', async () => {
    expect(await names(internal('zqInnerWork'), `page.zqInnerWork();`)).to.deep.equal([]);
  });

  it('refuses a name a string holds, a name the browser may call, and a decorated member', async () => {
    expect(await names(internal('zqInnerWork', `export const key = 'zqInnerWork';`))).to.deep.equal([]);
    // A listener object's method: the browser calls it by name.
    expect(await names(internal('handleEvent'))).to.deep.equal([]);
    const decorated = `const mark = (_target: object, _key: string) => {};
export class Outer { @mark zqDecorated = 1; private zqHidden = 2; size(): number { return this.zqDecorated + this.zqHidden; } }`;
    expect(await names({ 'index.ts': decorated })).to.deep.equal(['zqHidden']);
  });

  it('keeps the public members of exported classes and their bases, renames their private and protected ones', async () => {
    const files = {
      'index.ts': `export { Shown } from './shown.js';`,
      'shown.ts': `class Base { zqInherited(): void {} protected zqGuarded(): void {} }
export class Shown extends Base { zqOwn(): void { this.zqGuarded(); this.zqSecret(); } private zqSecret(): void {} }`,
    };
    expect(await names(files)).to.deep.equal(['zqGuarded', 'zqSecret']);
  });

  it('refuses a name some field, wire object or public interface shares', async () => {
    // A field of an interface may describe JSON: the same name on an internal class stays.
    const json = `interface Reply { zqInnerWork: number }\nexport const parse = (text: string): number => (JSON.parse(text) as Reply).zqInnerWork;`;
    expect(await names(internal('zqInnerWork', json))).to.deep.equal([]);
    // A method of an interface an export takes: a page passes an object of its own.
    const port = `export interface Port { zqInnerWork(): number }\nexport function use(port: Port): number { return port.zqInnerWork(); }`;
    expect(await names(internal('zqInnerWork', port))).to.deep.equal([]);
  });

  it('renames the method of an internal interface a class implements and an object literal writes', async () => {
    const files = {
      'index.ts': `import { run } from './port.js';\nexport function start(): number { return run({ zqPortCall: () => 2 }); }`,
      'port.ts': `interface Port { zqPortCall(): number }
class Local implements Port { zqPortCall(): number { return 1; } }
export const run = (port: Port): number => port.zqPortCall() + new Local().zqPortCall();`,
    };
    expect(await names(files)).to.deep.equal(['zqPortCall']);
  });
});
