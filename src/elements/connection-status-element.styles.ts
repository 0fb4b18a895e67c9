import { css } from 'lit';

/** The styles of <ethora-connection-status> itself; connection-status-element.ts adds the shared ones (theme) before them. */
export const connectionStatusStyles = css`
  :host { display: flex; align-items: center; gap: var(--_space); font-size: 0.85em; color: var(--_muted); }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--_muted); flex: none; }
  :host([status='online']) .dot { background: #16a34a; }
  :host([status='connecting']) .dot, :host([status='reconnecting']) .dot { background: #d97706; }
  :host([status='error']) { color: var(--_error); }
  :host([status='error']) .dot { background: var(--_error); }
  button { border: 1px solid currentColor; background: none; border-radius: 6px; padding: 1px 8px; }
`;
