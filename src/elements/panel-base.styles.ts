import { css } from 'lit';

/** Look of the panels (forms and lists over the chat): fields, buttons, rows, errors. */
export const panelStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; background: var(--_bg); color: var(--_text); }
  .head {
    display: flex; align-items: center; gap: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }
  h2 { margin: 0; font-size: 1.05em; flex: 1; }
  h3 { margin: calc(var(--_space) * 2) 0 var(--_space); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--_muted); }
  .body { flex: 1; overflow-y: auto; padding: var(--_space) calc(var(--_space) * 1.5); }
  form { display: grid; gap: var(--_space); }
  label { display: grid; gap: 4px; font-size: 0.9em; color: var(--_muted); }
  label.check { display: flex; align-items: center; gap: var(--_space); color: var(--_text); }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); display: grid; gap: 4px; margin: 0; }
  legend { font-size: 0.9em; color: var(--_muted); padding: 0 4px; }
  input[type='text'], input[type='search'], textarea, select {
    font: inherit; color: var(--_text); background: var(--_surface); padding: 7px 10px; width: 100%;
    border: 1px solid var(--_border); border-radius: var(--_radius);
  }
  textarea { resize: vertical; min-height: 3.5em; }
  button {
    padding: 6px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface);
  }
  button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_accent-text); font-weight: 600; }
  button.danger { border-color: var(--_error); color: var(--_error); background: none; }
  button.close { border: none; background: none; font-size: 1.3em; line-height: 1; padding: 2px 8px; }
  button:disabled { opacity: 0.6; cursor: default; }
  .row { display: flex; gap: var(--_space); align-items: center; flex-wrap: wrap; }
  .error { color: var(--_error); margin: 0; }
  .muted { color: var(--_muted); font-size: 0.85em; }
  .empty { color: var(--_muted); padding: var(--_space) 0; }
  ul { list-style: none; margin: 0; padding: 0; }
  li.item { padding: 6px 0; border-bottom: 1px solid var(--_border); }
  img[part='room-image'] { border-radius: var(--_radius); object-fit: cover; }
  .grow { flex: 1; min-width: 0; overflow-wrap: anywhere; }
`;
