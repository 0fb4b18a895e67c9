import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Inline styles set through the CSSOM (`el.style.setProperty`), as an element expression:
 * `<img ${cssomStyle({ width: '320px' })}>`. A `style=` attribute, and Lit's styleMap (whose
 * first render writes the attribute), are inline styles that a Content-Security-Policy without
 * 'unsafe-inline' blocks; CSSOM changes are allowed.
 */
class CssomStyle extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle belongs on an element');
  }

  render(_styles: Readonly<Record<string, string>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssomStyle = directive(CssomStyle);
