import { css } from 'lit';
// Every element's own sheet, imported here for its place in the bundled script only: a module
// is laid out where it is first imported, so all the CSS sits together after the theme, where
// gzip finds what the sheets repeat (they share most properties and tokens).
import './blocked-line-element.styles.js';
import './chat-element.styles.js';
import './composer-element.styles.js';
import './connection-status-element.styles.js';
import './invitations-element.styles.js';
import './login-element.styles.js';
import './members-element.styles.js';
import './message-element.styles.js';
import './message-menu-element.styles.js';
import './panel-base.styles.js';
import './room-actions-element.styles.js';
import './room-element.styles.js';
import './room-list-element.styles.js';
import './room-list-toolbar-element.styles.js';
import './search-element.styles.js';
import './settings-element.styles.js';

/**
 * Design tokens: every colour, font, radius and spacing the widget uses is a CSS custom
 * property that a host page may set on `ethora-chat` (they inherit into the shadow roots).
 * Defaults follow the user's light or dark preference.
 */
export const theme = css`
  :host {
    --_bg: var(--ethora-color-bg, #ffffff);
    --_surface: var(--ethora-color-surface, #f3f4f6);
    --_text: var(--ethora-color-text, #111827);
    --_muted: var(--ethora-color-muted, #4b5563);
    --_border: var(--ethora-color-border, #d1d5db);
    --_accent: var(--ethora-color-accent, #2563eb);
    --_accent-text: var(--ethora-color-accent-text, #ffffff);
    --_bubble: var(--ethora-color-bubble, #eef0f3);
    --_own-bubble: var(--ethora-color-own-bubble, #dbe8ff);
    --_error: var(--ethora-color-error, #b91c1c);
    --_focus: var(--ethora-color-focus, #2563eb);
    --_font: var(--ethora-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ethora-font-size, 15px);
    --_radius: var(--ethora-radius, 10px);
    --_space: var(--ethora-spacing, 8px);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    box-sizing: border-box;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--ethora-color-bg, #111318);
      --_surface: var(--ethora-color-surface, #1c1f26);
      --_text: var(--ethora-color-text, #e5e7eb);
      --_muted: var(--ethora-color-muted, #a1a7b3);
      --_border: var(--ethora-color-border, #374151);
      --_accent: var(--ethora-color-accent, #60a5fa);
      --_accent-text: var(--ethora-color-accent-text, #0b1220);
      --_bubble: var(--ethora-color-bubble, #242833);
      --_own-bubble: var(--ethora-color-own-bubble, #1e3a66);
      --_error: var(--ethora-color-error, #f87171);
      --_focus: var(--ethora-color-focus, #93c5fd);
    }
  }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  .sr-only {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;
