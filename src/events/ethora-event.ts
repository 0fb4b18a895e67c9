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
