// tsc writes its `__decorate` helper into every module with a decorator (19 of ours); the
// script needs it once. A rollup plugin of ours (rollup.config.mjs) replaces each copy in our
// compiled modules (dist/esm), when it is exactly the text below, by an import of one module
// that holds the same text. A tsc that writes another text leaves the copies as they are.

const VIRTUAL = '\0ethora-ts-decorate';

export const DECORATE_HELPER = `var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
`;

/** The rollup plugin; `include` tells which module ids are ours. */
export function tsHelpersPlugin(include = /[\\/]dist[\\/]esm[\\/].*\.js$/) {
  return {
    name: 'ts-helpers',
    resolveId: (id) => (id === VIRTUAL ? VIRTUAL : null),
    load: (id) => (id === VIRTUAL ? `${DECORATE_HELPER}export { __decorate };\n` : null),
    transform(code, id) {
      if (!include.test(id) || !code.startsWith(DECORATE_HELPER)) return null;
      return { code: `import { __decorate } from '${VIRTUAL}';\n${code.slice(DECORATE_HELPER.length)}`, map: null };
    },
  };
}
