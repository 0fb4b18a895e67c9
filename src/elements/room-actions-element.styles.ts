import { css } from 'lit';

/** The styles of <ethora-room-actions> itself; room-actions-element.ts adds the shared ones (theme) before them. */
export const roomActionsStyles = css`
  :host { position: relative; display: inline-block; }
  .more { border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 2px 8px; }
  .menu {
    position: absolute; inset-inline-end: 0; top: calc(100% + 4px); z-index: 6; min-width: 220px; padding: 4px;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
  }
  .item { display: flex; justify-content: space-between; gap: var(--_space); width: 100%; text-align: start; border: none; background: none; padding: 6px 8px; border-radius: 6px; }
  .item:hover, .item:focus-visible { background: var(--_surface); }
  .item[aria-pressed='true']::after { content: '✓'; }
  .danger { color: var(--_error); }
  .error { color: var(--_error); font-size: 0.85em; margin: 4px 8px; }
  .error.outside { position: absolute; inset-inline-end: 0; top: calc(100% + 4px); width: max-content; max-width: 260px; margin: 0;
    background: var(--_bg); border: 1px solid var(--_error); border-radius: 6px; padding: 4px 8px; z-index: 6; }
`;
