import { css } from 'lit';

/** The styles of <ethora-login> itself; login-element.ts adds the shared ones (theme) before them. */
export const loginStyles = css`
  :host { display: grid; place-items: center; padding: calc(var(--_space) * 3); }
  form { display: grid; gap: var(--_space); width: min(320px, 100%); }
  h2 { margin: 0 0 var(--_space); font-size: 1.2em; }
  label { display: grid; gap: 4px; font-size: 0.9em; color: var(--_muted); }
  input {
    font: inherit; color: var(--_text); background: var(--_surface); padding: 8px 10px;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  button {
    margin-top: var(--_space); padding: 9px; border: none; border-radius: var(--_radius);
    background: var(--_accent); color: var(--_accent-text); font-weight: 600;
  }
  .error { color: var(--_error); margin: 0; }
`;
