import { css } from 'lit';

/** The styles of <ethora-composer> itself; composer-element.ts adds the shared ones (theme) before them. */
export const composerStyles = css`
  :host { display: block; border-top: 1px solid var(--_border); background: var(--_bg); }
  form { display: flex; gap: var(--_space); padding: var(--_space); align-items: flex-end; }
  textarea {
    flex: 1; resize: none; min-height: 40px; max-height: 160px; padding: 9px 10px;
    font: inherit; color: var(--_text); background: var(--_surface);
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  button {
    height: 40px; padding: 0 16px; border: none; border-radius: var(--_radius);
    background: var(--_accent); color: var(--_accent-text); font-weight: 600;
  }
  button:disabled { opacity: 0.5; cursor: default; }
  .attach { padding: 0 10px; background: var(--_surface); color: var(--_text); border: 1px solid var(--_border); }
  .mode {
    display: flex; gap: var(--_space); align-items: center; padding: 4px calc(var(--_space) * 1.5) 0;
    font-size: 0.85em; color: var(--_muted);
  }
  .mode span { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .mode button { height: auto; padding: 0 6px; background: none; color: var(--_muted); border: 1px solid var(--_border); }
  .count { padding: 0 calc(var(--_space) * 1.5); font-size: 0.85em; color: var(--_muted); text-align: end; }
  .count.over { color: var(--_error); font-weight: 600; }
`;
