import { expect } from '@open-wc/testing';
import { es } from '../../../src/i18n/locale-es.js';
import { ar } from '../../../src/i18n/locale-ar.js';
import { loadCatalogue, loadTranslator, readCatalogue } from '../../../src/i18n/catalogue-files.js';

// The files are the build's (scripts/catalogue-files.mjs), served beside catalogue-files.ts as
// the shipped script finds them beside itself (web-test-runner.config.mjs, cataloguePlugin).
describe('catalogue files (src/i18n/catalogue-files.ts)', () => {
  it('fetches a language once, and the file holds the whole catalogue', async () => {
    const first = loadCatalogue('es');
    expect(loadCatalogue('es')).to.equal(first);
    expect(await first).to.deep.equal(es);
    expect(await loadCatalogue('ar')).to.deep.equal(ar);
    const t = await loadTranslator('ar');
    expect(t.dir).to.equal('rtl');
    expect(t.t('Send')).to.equal(ar.Send);
  });

  it('English and unknown languages fetch nothing', async () => {
    expect(await loadCatalogue('en')).to.equal(undefined);
    expect(await loadCatalogue('constructor')).to.equal(undefined);
    expect((await loadTranslator('en')).t('Send')).to.equal('Send');
  });

  it('keeps only texts from a file: anything else in it is dropped', () => {
    expect(readCatalogue(null)).to.equal(undefined);
    expect(readCatalogue(['Send'])).to.equal(undefined);
    expect(readCatalogue('Send')).to.equal(undefined);
    const read = readCatalogue({ Send: 'Enviar', n: { one: 'uno', other: 'otros' }, bad: 5, worse: { one: 1 }, list: ['x'], no: null });
    expect(read).to.deep.equal({ Send: 'Enviar', n: { one: 'uno', other: 'otros' } });
  });
});
