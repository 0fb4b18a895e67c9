import { css, unsafeCSS } from 'lit';

/** Twelve avatar hues, chosen by the sender's name: a class, never an inline style (strict CSP). */
export const AVATAR_HUES = unsafeCSS(Array.from({ length: 12 }, (_, k) => `.hue-${k} { background: hsl(${k * 30} 60% 28%); }`).join('\n'));

/** The styles of <ethora-message> itself; message-element.ts adds the shared ones (theme) before them. */
export const messageStyles = css`
  :host { display: block; padding: 2px var(--_space); }
  .row { display: grid; grid-template-columns: 36px 1fr; gap: var(--_space); align-items: start; }
  .avatar {
    width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center;
    font-size: 13px; font-weight: 600; color: #fff; user-select: none;
  }
  .head { display: flex; gap: var(--_space); align-items: baseline; min-width: 0; }
  .author { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .time { color: var(--_muted); font-size: 0.8em; white-space: nowrap; }
  .bubble {
    display: inline-block; max-width: 100%; padding: 6px 10px; margin-top: 2px;
    background: var(--_bubble); border-radius: var(--_radius);
  }
  :host([own]) .bubble { background: var(--_own-bubble); }
  .body { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
  .body a { color: var(--_accent); }
  .status { font-size: 0.8em; color: var(--_muted); margin-top: 2px; }
  .failed { color: var(--_error); }
  .status button {
    background: none; border: 1px solid currentColor; border-radius: 6px; padding: 0 6px; margin-left: 4px;
  }
  :host([status='pending']) .bubble { opacity: 0.7; }
  .content { min-width: 0; position: relative; }
  ethora-message-menu, .actions { position: absolute; top: -4px; inset-inline-end: 0; opacity: 0; }
  :host(:hover) :is(ethora-message-menu, .actions), ethora-message-menu:focus-within, :host(:focus-within) :is(ethora-message-menu, .actions) { opacity: 1; }
  .actions { border: 1px solid var(--_border); background: var(--_bg); border-radius: 6px; padding: 0 6px; line-height: 1.4; }
  .edited { color: var(--_muted); font-size: 0.8em; }
  .more { display: block; margin-top: 4px; padding: 0; border: none; background: none; color: var(--_accent); text-decoration: underline; }
  .tombstone { font-style: italic; color: var(--_muted); }
  .quote {
    display: block; width: 100%; text-align: start; margin-bottom: 4px; padding: 2px 8px; background: none;
    border: none; border-inline-start: 3px solid var(--_accent); color: var(--_muted); font-size: 0.9em;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  }
  .quote b { color: var(--_text); }
  .media { display: block; margin-top: 4px; }
  .media img, video.media { display: block; max-width: 100%; object-fit: contain; border-radius: calc(var(--_radius) - 4px); background: var(--_surface); }
  .file { display: inline-flex; gap: 6px; align-items: baseline; margin-top: 4px; color: var(--_accent); }
  .file-size { color: var(--_muted); font-size: 0.85em; }
  .reactions { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
  .reaction { border: 1px solid var(--_border); background: var(--_bg); border-radius: 12px; padding: 0 8px; font-size: 0.9em; }
  .reaction[aria-pressed='true'] { border-color: var(--_accent); background: color-mix(in srgb, var(--_accent) 15%, transparent); }
`;
