import type { Catalogue } from './translator.js';

/** Spanish. */
export const es: Catalogue = {};
