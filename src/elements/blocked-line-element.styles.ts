import { css } from 'lit';

/** The styles of <ethora-blocked-line> itself; blocked-line-element.ts adds the shared ones (theme) before them. */
export const blockedLineStyles = css`
  :host { display: block; }
  p { margin: 2px 0 2px 44px; color: var(--_muted); font-size: 0.85em; font-style: italic; display: flex; gap: var(--_space); align-items: baseline; }
  button { font-style: normal; border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 0 8px; }
`;
