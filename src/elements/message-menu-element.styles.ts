import { css } from 'lit';

/** The styles of <ethora-message-menu> itself; message-menu-element.ts adds the shared ones (theme) before them. */
export const messageMenuStyles = css`
  :host { position: relative; display: inline-block; }
  .more { border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 0 6px; line-height: 1.4; }
  [role='dialog'] {
    position: absolute; inset-inline-end: 0; top: 100%; z-index: 5; min-width: 200px; padding: 4px;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .emojis { display: flex; flex-wrap: wrap; gap: 2px; padding: 2px; }
  .emojis button { display: inline-block; width: auto; border: none; background: none; font-size: 1.2em; padding: 2px 4px; border-radius: 6px; }
  .item { display: block; width: 100%; text-align: start; border: none; background: none; padding: 6px 8px; border-radius: 6px; }
  button:hover, button:focus-visible { background: var(--_surface); }
  .danger { color: var(--_error); }
  input { width: 100%; font: inherit; padding: 4px 6px; border: 1px solid var(--_border); border-radius: 6px; background: var(--_surface); color: var(--_text); }
  .hint { color: var(--_error); font-size: 0.8em; padding: 0 4px; }
`;
