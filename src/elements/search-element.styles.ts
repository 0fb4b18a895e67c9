import { css } from 'lit';

/** The styles of `<ethora-search>` (after the panels' styles). */
export const searchStyles = css`
  .box { display: flex; gap: var(--_space); align-items: center; padding: var(--_space) calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); }
  .status { margin: 0; padding: 4px calc(var(--_space) * 1.5); color: var(--_muted); font-size: 0.85em; }
  .status:empty { display: none; }
  [role='listbox'] { flex: 1; overflow-y: auto; padding: 0 calc(var(--_space) * 0.5); }
  [role='option'] { padding: 6px var(--_space); border-bottom: 1px solid var(--_border); cursor: pointer; overflow-wrap: anywhere; }
  [role='option'][aria-selected='true'] { background: color-mix(in srgb, var(--_accent) 12%, transparent); outline: 2px solid var(--_focus, var(--_accent)); outline-offset: -2px; }
  .meta { display: flex; gap: var(--_space); font-size: 0.8em; color: var(--_muted); }
  .meta .room { font-weight: 600; color: var(--_text); }
  .meta time { margin-inline-start: auto; }
  mark { background: color-mix(in srgb, var(--_accent) 30%, transparent); color: inherit; border-radius: 2px; }
  .more { margin: var(--_space) calc(var(--_space) * 1.5); }
`;
