/**
 * JXT for the standard XEPs StanzaJS 12.22.1 lacks: 0424 retraction (current `:1` and the
 * older fasten form), 0425 moderation (both generations), 0444 reactions, 0461 replies and
 * 0428 fallback indication. Chat states (0085), markers (0333), corrections (0308), OOB
 * (0066), hints (0334) and upload (0363) are StanzaJS's own.
 *
 * Receive-only shapes (moderation, old retractions, tombstones) get no-op exporters: this
 * client never sends them, and an exporter that could would only widen what it can emit.
 */
import * as Stanza from 'stanza';
import type { JXT } from 'stanza';

const { XMLElement, attribute, multipleChildText } = Stanza.JXT;

export const NS_RETRACT = 'urn:xmpp:message-retract:1';
export const NS_RETRACT_0 = 'urn:xmpp:message-retract:0';
export const NS_FASTEN = 'urn:xmpp:fasten:0';
export const NS_MODERATE = 'urn:xmpp:message-moderate:1';
export const NS_MODERATE_0 = 'urn:xmpp:message-moderate:0';
export const NS_REACTIONS = 'urn:xmpp:reactions:0';
export const NS_REPLY = 'urn:xmpp:reply:0';
export const NS_FALLBACK = 'urn:xmpp:fallback:0';
export const NS_CORRECTION = 'urn:xmpp:message-correct:0';

/** Who moderated, and why (XEP-0425). */
export interface Moderation {
  by?: string;
  reason?: string;
}
/** `<retract id xmlns=…retract:1>`, with `<moderated>` inside when a moderator did it. */
export interface RetractElement {
  id?: string;
  moderated?: Moderation;
  /** Sent only: a second `<retract>` after the first, naming the same message by the sender's id (see encode-standard.ts). */
  senderId?: string;
}
/** Pre-0.4 XEP-0424 / XEP-0425 0.2: `<apply-to id xmlns=fasten:0>` around the action. */
export interface ApplyToElement {
  id?: string;
  retract?: boolean;
  moderated?: Moderation;
}
/** An archive's tombstone; `moderated` when it says a moderator removed the message. */
export interface Tombstone {
  moderated?: Moderation;
}
/** XEP-0444 (Ethora adds `from`, and puts emoji-mart ids where XEP-0444 wants Unicode). */
export interface ReactionsElement {
  id?: string;
  from?: string;
  values?: string[];
}
export interface ReplyElement {
  id?: string;
  to?: string;
}
/** XEP-0428: which part of the body is only there for clients without `for`'s feature. */
export interface FallbackElement {
  for?: string;
  /** Ranges in Unicode code points; none = the whole body is fallback. */
  bodies?: Array<{ start?: number; end?: number }>;
}

declare module 'stanza/protocol' {
  interface Message {
    retract?: RetractElement;
    applyTo?: ApplyToElement;
    /** A XEP-0424/0425 tombstone in an archive: the original was retracted (by a moderator, when it says). */
    retracted?: Tombstone;
    reactions?: ReactionsElement;
    reply?: ReplyElement;
    fallbacks?: FallbackElement[];
  }
}

function str(el: JXT.XMLElement | undefined, name: string): string | undefined {
  // attributes is a plain object: `constructor` etc. would read through to the prototype.
  const v = el && Object.prototype.hasOwnProperty.call(el.attributes, name) ? el.attributes[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function moderation(el: JXT.XMLElement | undefined, reasonHolder: JXT.XMLElement | undefined): Moderation | undefined {
  if (!el) return undefined;
  const reason = (reasonHolder?.getChild('reason') ?? el.getChild('reason'))?.getText();
  return { by: str(el, 'by'), ...(reason ? { reason } : {}) };
}

const noExport = (): void => undefined;

const retract: JXT.FieldDefinition<RetractElement> = {
  importer(xml) {
    const el = xml.getChild('retract', NS_RETRACT);
    if (!el) return undefined;
    return { id: str(el, 'id'), moderated: moderation(el.getChild('moderated', NS_MODERATE), el) };
  },
  exporter(xml, value) {
    xml.appendChild(new XMLElement('retract', { xmlns: NS_RETRACT, id: value.id }));
    if (value.senderId) xml.appendChild(new XMLElement('retract', { xmlns: NS_RETRACT, id: value.senderId }));
  },
};

const applyTo: JXT.FieldDefinition<ApplyToElement> = {
  importer(xml) {
    const el = xml.getChild('apply-to', NS_FASTEN);
    if (!el) return undefined;
    const moderated = el.getChild('moderated', NS_MODERATE_0);
    return {
      id: str(el, 'id'),
      retract: !!(el.getChild('retract', NS_RETRACT_0) ?? moderated?.getChild('retract', NS_RETRACT_0)),
      moderated: moderation(moderated, moderated),
    };
  },
  exporter: noExport,
};

/**
 * Archive tombstones: `<retracted xmlns=retract:1>`, or (XEP-0425 0.2) `<moderated>` holding
 * `<retracted xmlns=retract:0>`. The XEP's own example leaves `<moderated>` without a
 * namespace, so any `<moderated>` counts here: a tombstone only hides a message's text.
 */
const retracted: JXT.FieldDefinition<Tombstone> = {
  importer(xml) {
    const current = xml.getChild('retracted', NS_RETRACT);
    if (current) {
      const by = current.getChild('moderated', NS_MODERATE);
      return by ? { moderated: moderation(by, current) } : {};
    }
    const old = xml.getChildren('moderated').find((m) => m.getChild('retracted', NS_RETRACT_0));
    if (old) return { moderated: moderation(old, old) };
    return xml.getChild('retracted', NS_RETRACT_0) ? {} : undefined;
  },
  exporter: noExport,
};

const fallbacks: JXT.FieldDefinition<FallbackElement[]> = {
  importer(xml) {
    const els = xml.getChildren('fallback', NS_FALLBACK);
    if (!els.length) return undefined;
    return els.map((el) => ({
      for: str(el, 'for'),
      bodies: el.getChildren('body', NS_FALLBACK).map((b) => ({ start: int(str(b, 'start')), end: int(str(b, 'end')) })),
    }));
  },
  exporter(xml, values) {
    for (const f of values) {
      const el = new XMLElement('fallback', { xmlns: NS_FALLBACK, for: f.for });
      for (const b of f.bodies ?? []) el.appendChild(new XMLElement('body', { start: String(b.start), end: String(b.end) }));
      xml.appendChild(el);
    }
  },
};

function int(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export const xepDefinitions: JXT.DefinitionOptions[] = [
  Stanza.JXT.extendMessage({ retract, applyTo, retracted, fallbacks }),
  {
    element: 'reactions',
    namespace: NS_REACTIONS,
    path: 'message.reactions',
    fields: { id: attribute('id'), from: attribute('from'), values: multipleChildText(NS_REACTIONS, 'reaction') },
  },
  { element: 'reply', namespace: NS_REPLY, path: 'message.reply', fields: { id: attribute('id'), to: attribute('to') } },
];
