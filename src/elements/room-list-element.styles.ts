import { css } from 'lit';

/** The styles of <ethora-room-list> itself; room-list-element.ts adds the shared ones (theme) before them. */
export const roomListStyles = css`
  :host { display: block; overflow-y: auto; background: var(--_surface); }
  h2 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted); margin: var(--_space); }
  ul { list-style: none; margin: 0; padding: 0; }
  button {
    display: grid; grid-template-columns: 1fr auto; gap: 2px var(--_space); width: 100%;
    text-align: start; padding: var(--_space) calc(var(--_space) * 1.5); border: none; background: none;
    border-inline-start: 3px solid transparent;
  }
  button:hover { background: color-mix(in srgb, var(--_accent) 8%, transparent); }
  button[aria-current='true'] { background: color-mix(in srgb, var(--_accent) 15%, transparent); border-inline-start-color: var(--_accent); }
  .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .name img { width: 20px; height: 20px; border-radius: 4px; object-fit: cover; vertical-align: -4px; margin-inline-end: 6px; }
  .count { font-weight: normal; color: var(--_muted); }
  .preview { grid-column: 1 / -1; color: var(--_muted); font-size: 0.85em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .unread {
    min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px; font-size: 0.75em; font-weight: 700;
    display: inline-grid; place-items: center; background: var(--_accent); color: var(--_accent-text);
  }
  .error { color: var(--_error); }
  .unread.muted { background: var(--_muted); color: var(--_bg); }
  ethora-search { max-height: 75%; border-block: 1px solid var(--_border); }
  .empty { padding: var(--_space) calc(var(--_space) * 1.5); color: var(--_muted); }
  .empty.error { color: var(--_error); }
  .retry { border: 1px solid var(--_border); background: var(--_surface); color: var(--_text); border-radius: 6px; padding: 2px 10px; }
`;
