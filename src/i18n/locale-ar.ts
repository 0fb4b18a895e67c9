import type { Catalogue } from './translator.js';

/** Arabic (right-to-left). */
export const ar: Catalogue = {};
