import { css } from 'lit';

/** The styles of <ethora-room-list-toolbar> itself; room-list-toolbar-element.ts adds the shared ones (theme) before them. */
export const roomListToolbarStyles = css`
  :host { display: flex; gap: 4px; padding: var(--_space); }
  input {
    flex: 1; min-width: 0; font: inherit; padding: 4px 8px; border: 1px solid var(--_border); border-radius: 6px;
    background: var(--_bg); color: var(--_text);
  }
  button { border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 2px 8px; }
  button[aria-expanded='true'] { background: color-mix(in srgb, var(--_accent) 15%, transparent); }
`;
