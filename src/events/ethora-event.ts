/**
 * The base of the DOM events the widget dispatches for the host page. Every one bubbles and is
 * composed (it crosses shadow roots, so a page can listen on `<ethora-chat>`); its name starts
 * with `ethora-`; its `detail` is plain data (copies), safe to keep. An intent a page may veto
 * is cancelable: the widget dispatches it first and acts only when no listener called
 * `preventDefault()`.
 */
export abstract class EthoraEvent<D = null> extends CustomEvent<D> {
  protected constructor(type: string, detail: D, cancelable = false) {
    super(type, { detail, bubbles: true, composed: true, cancelable });
  }
}

/** An event class: `new EthoraSendEvent(detail)` (no argument where the detail is null), `.type` its name. */
export interface EthoraEventClass<D> {
  new (...detail: D extends null ? [] : [detail: D]): EthoraEvent<D>;
  readonly type: string;
}

/**
 * The class of one public event, by its name and whether a page may veto it (cancelable): one
 * function instead of two dozen near-identical class bodies in the script.
 */
export function eventClass<D = null>(type: string, cancelable = false): EthoraEventClass<D> {
  return class extends EthoraEvent<D> {
    static readonly type = type;
    constructor(detail: D) {
      super(type, detail, cancelable);
    }
  } as unknown as EthoraEventClass<D>;
}
