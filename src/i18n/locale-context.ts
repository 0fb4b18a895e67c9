import { createContext } from '@lit/context';
import type { Translator } from './translator.js';

/** The language an `<ethora-chat>` (its `lang` attribute) gives the elements inside it. */
export const localeContext = createContext<Translator>(Symbol('ethora-locale'));
