/**
 * The shape of a message catalogue: a leaf module, so that the catalogues (locale-*.ts) and the
 * translator that imports them do not import each other.
 */

/** A translation: one text, or one per plural category of the target language. */
export type Entry = string | Partial<Record<Intl.LDMLPluralRule, string>>;
/** Translations keyed by the English text. */
export type Catalogue = Readonly<Record<string, Entry>>;
