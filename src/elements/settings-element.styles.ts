import { css } from 'lit';

/** The styles of <ethora-settings> itself; settings-element.ts adds the shared ones (theme) before them. */
export const settingsStyles = css`
  :host { display: block; padding: 0 var(--_space) var(--_space); }
  section { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); background: var(--_bg); }
  h2 { font-size: 1em; margin: 0 0 var(--_space); }
  h3 { font-size: 0.9em; margin: var(--_space) 0 4px; }
  label { display: flex; gap: 6px; align-items: start; }
  .hint { color: var(--_muted); font-size: 0.85em; margin: 4px 0; }
  ul { list-style: none; margin: 0; padding: 0; }
  li { display: flex; justify-content: space-between; gap: var(--_space); align-items: center; padding: 2px 0; }
  li span { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  form { display: flex; gap: 4px; margin-top: 6px; }
  form input { flex: 1; min-width: 0; font: inherit; padding: 2px 6px; border: 1px solid var(--_border); border-radius: 6px; background: var(--_bg); color: var(--_text); }
  button { border: 1px solid var(--_border); background: var(--_surface); border-radius: 6px; padding: 0 8px; }
  .error { color: var(--_error); font-size: 0.85em; margin: 4px 0; }
`;
