import { css } from 'lit';

/** The styles of `<ethora-room>` (after the shared theme). */
export const roomStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; min-width: 0; background: var(--_bg); position: relative; }
  .header {
    display: flex; align-items: center; gap: var(--_space); padding: var(--_space) calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border); min-height: 48px;
  }
  h2 { margin: 0; font-size: 1.05em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .sub { color: var(--_muted); font-size: 0.85em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .titles { min-width: 0; flex: 1; }
  .back { border: none; background: none; font-size: 1.2em; padding: 4px 8px; }
  .tool { border: 1px solid var(--_border); background: var(--_bg); border-radius: var(--_radius); min-width: 32px; height: 30px; padding: 0 6px; display: inline-grid; place-items: center; }
  .side {
    position: absolute; inset-block: 49px 0; inset-inline-end: 0; width: min(380px, 100%); z-index: 3;
    display: flex; flex-direction: column; background: var(--_bg); border-inline-start: 1px solid var(--_border);
    box-shadow: 0 0 24px rgb(0 0 0 / 0.15);
  }
  .side > * { flex: 1; min-height: 0; }
  /* Inside a wide <ethora-chat> the room list is beside the room: no way back needed. */
  @container (min-width: 600px) { .back { display: none; } }
  .log { flex: 1; overflow-y: auto; overscroll-behavior: contain; overflow-anchor: none; position: relative; padding: var(--_space) 0; }
  ol { list-style: none; margin: 0; padding: 0; }
  .day { text-align: center; color: var(--_muted); font-size: 0.8em; margin: var(--_space) 0; }
  .notice { text-align: center; color: var(--_muted); font-size: 0.85em; padding: var(--_space); }
  .error { color: var(--_error); }
  .notice button { border: 1px solid var(--_border); background: var(--_surface); border-radius: 6px; padding: 2px 10px; }
  ethora-message:not([continued]) { margin-top: 6px; }
  .divider { display: flex; align-items: center; gap: var(--_space); color: var(--_error); font-size: 0.8em; font-weight: 600; margin: var(--_space); }
  .divider::before, .divider::after { content: ''; flex: 1; border-top: 1px solid currentColor; }
  li.system { text-align: center; color: var(--_muted); font-size: 0.85em; padding: 2px var(--_space); }
  li.highlight ethora-message { background: color-mix(in srgb, var(--_accent) 12%, transparent); transition: background 0.6s; }
  .uploads { list-style: none; margin: 0; padding: 0 calc(var(--_space) * 1.5); font-size: 0.85em; }
  .uploads li { display: flex; gap: var(--_space); align-items: center; padding: 2px 0; }
  .uploads .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .uploads progress { width: 120px; }
  .uploads button { border: 1px solid var(--_border); background: var(--_surface); border-radius: 6px; padding: 0 8px; }
  :host([dragging]) .log { outline: 2px dashed var(--_accent); outline-offset: -6px; }
  .typing { min-height: 1.4em; padding: 0 calc(var(--_space) * 1.5); color: var(--_muted); font-size: 0.85em; font-style: italic; }
  @media (prefers-reduced-motion: reduce) { li.highlight ethora-message { transition: none; } }
  .new {
    position: absolute; left: 50%; transform: translateX(-50%); bottom: 72px; border: none;
    background: var(--_accent); color: var(--_accent-text); border-radius: 16px; padding: 6px 14px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
  }
`;
