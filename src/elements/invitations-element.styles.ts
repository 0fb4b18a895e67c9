import { css } from 'lit';

/** The styles of <ethora-invitations> itself; invitations-element.ts adds the shared ones (theme) before them. */
export const invitationsStyles = css`
  :host { display: block; }
  ul { list-style: none; margin: 0; padding: 0; }
  li {
    display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); padding: 6px calc(var(--_space) * 1.5);
    background: color-mix(in srgb, var(--_accent) 10%, var(--_bg)); border-bottom: 1px solid var(--_border);
  }
  .text { flex: 1; min-width: 10em; overflow-wrap: anywhere; }
  button { padding: 3px 10px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); }
  button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
  .error { color: var(--_error); width: 100%; margin: 0; }
`;
