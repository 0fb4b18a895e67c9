import { css } from 'lit';

/** The styles of `<ethora-chat>` (after the shared theme). */
export const chatStyles = css`
  :host {
    display: block; position: relative; width: 100%; height: 100%; min-height: 320px; min-width: 280px;
    container-type: inline-size;
  }
  :host([hidden]) { display: none; }
  .frame {
    display: flex; flex-direction: column; height: 100%; overflow: hidden;
    background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius);
    /* Set again inside: a host page's rules can reach the <ethora-chat> element itself
       (e.g. "* { color: red !important }"), and these properties inherit. */
    color: var(--_text); font-family: var(--_font); font-size: var(--_font-size);
    font-style: normal; font-weight: normal; letter-spacing: normal; line-height: 1.4;
    text-align: start; text-transform: none; text-shadow: none; word-spacing: normal;
  }
  :host([view='fullscreen']) { position: fixed; inset: 0; width: auto; height: auto; z-index: 2147483000; }
  :host([view='fullscreen']) .frame { border-radius: 0; border: none; }
  :host([view='floating']) {
    position: fixed; inset-block-end: 16px; inset-inline-end: 16px; width: 56px; height: 56px;
    min-width: 0; min-height: 0; z-index: 2147483000;
  }
  :host([view='floating']) .frame {
    position: absolute; inset-block-end: 68px; inset-inline-end: 0;
    width: min(380px, calc(100vw - 32px)); height: min(560px, calc(100vh - 100px));
    box-shadow: 0 8px 32px rgb(0 0 0 / 0.25);
  }
  :host([view='floating']:not([open])) .frame { display: none; }
  .launcher {
    width: 56px; height: 56px; border-radius: 50%; border: none; position: relative;
    background: var(--_accent); color: var(--_accent-text); box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    display: grid; place-items: center;
  }
  .launcher .badge {
    position: absolute; top: -4px; inset-inline-end: -4px; min-width: 22px; height: 22px; padding: 0 6px;
    border-radius: 11px; background: var(--_error); color: #fff; font-size: 12px; font-weight: 700;
    display: grid; place-items: center;
  }
  .main.single { grid-template-columns: 1fr; }
  .empty { padding: calc(var(--_space) * 3); color: var(--_muted); text-align: center; }
  .header {
    display: flex; align-items: center; justify-content: space-between; gap: var(--_space);
    padding: 6px calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); background: var(--_surface);
  }
  .actions { display: flex; gap: 4px; margin-inline-start: auto; }
  .icon { border: 1px solid var(--_border); background: var(--_bg); border-radius: var(--_radius); min-width: 32px; height: 30px; padding: 0 6px; display: inline-grid; place-items: center; }
  .content { flex: 1; min-height: 0; display: flex; flex-direction: column; position: relative; }
  .panel { position: absolute; inset: 0; z-index: 2; display: flex; flex-direction: column; background: var(--_bg); }
  .panel > * { flex: 1; min-height: 0; }
  .me { font-size: 0.85em; color: var(--_muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .main { flex: 1; display: grid; grid-template-columns: minmax(200px, 30%) 1fr; min-height: 0; }
  ethora-room-list { border-inline-end: 1px solid var(--_border); }
  @container (max-width: 599px) {
    .main { grid-template-columns: 1fr; }
    .main[data-view='room'] ethora-room-list { display: none; }
    .main[data-view='list'] ethora-room { display: none; }
  }
`;
