import { expect } from '@open-wc/testing';
import { server } from '../../support/kit.js';

// tsc's member decorations, one `__decorate` statement per member, grouped per class by the build
// (build/ts-helpers.mjs, run on the Node side by test/build-commands-plugin.mjs).
type Grouped = { code: string; helper: string };
const grouped = (code: string): Promise<Grouped> => server<Grouped>('group-decorations', { code });

/** The `__decorate` calls `code` makes (each as its decorators' names, target and key), run as a module after `helper`. */
async function calls(code: string, helper = ''): Promise<string[]> {
  const seen: string[] = [];
  const scope = globalThis as unknown as Record<string, unknown>;
  scope.__decorate = (...args: unknown[]) => {
    const [decorators, target, key, desc] = args as [{ tag: string }[], { name: string }, string?, unknown?];
    seen.push(`${decorators.map((d) => d.tag).join('+')} ${target.name} ${String(key)} ${String(desc)} ${args.length}`);
  };
  scope.make = (tag: string) => ({ tag });
  const url = URL.createObjectURL(new Blob([`${helper}\n${code}`], { type: 'text/javascript' }));
  try {
    await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
    delete scope.__decorate;
    delete scope.make;
  }
  return seen;
}

// As tsc writes them (decorators are plain objects here, which the recording __decorate names).
const TSC = `class A {}
class B {}
A.prototype.name = 'A';
B.prototype.name = 'B';
__decorate([
    make('property'),
    make('consume')
], A.prototype, "one", void 0);
__decorate([
    make('state')
], A.prototype, "two", void 0);
__decorate([
    make('query')
], B.prototype, "three", void 0);
A.styles = [];
__decorate([
    make('state')
], A.prototype, "four", void 0);
__decorate([
    make('custom')
], A.prototype, "five", null);
__decorate([
    make('element')
], A);
`;

describe('build: tsc member decorations grouped per class (build/ts-helpers.mjs)', () => {
  it('makes the same __decorate calls in the same order, with fewer statements', async () => {
    const { code, helper } = await grouped(TSC);
    const original = await calls(TSC);
    expect(original).to.have.length(6);
    expect(await calls(code, helper)).to.deep.equal(original);
    // A run of one class's members is one call; another class, another statement or another
    // kind of decoration (an accessor's descriptor, the class itself) ends it.
    expect(code.match(/__decorateMembers\(/g)).to.have.length(3);
    expect(code).to.include("__decorateMembers(A.prototype, [\n    make('property'),\n    make('consume')\n], \"one\", [\n    make('state')\n], \"two\");");
    expect(code).to.include('], A.prototype, "five", null);');
    expect(code).to.include('], A);');
  });

  it('leaves code without member decorations as it is', async () => {
    const plain = 'const a = 1;\nexport { a };\n';
    expect((await grouped(plain)).code).to.equal(plain);
  });
});
