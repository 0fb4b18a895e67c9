import { css } from 'lit';

/** Row height (px) of the virtualized member list. */
export const ROW = 48;

/** The styles of <ethora-members> itself; members-element.ts adds the shared ones (theme, panel styles) before them. */
export const membersStyles = css`
  .viewport { flex: 1; overflow-y: auto; position: relative; min-height: 120px; }
  .rows { position: relative; }
  .slot { position: absolute; inset-inline: 0; height: ${ROW}px; }
  .member {
    height: 100%; display: flex; align-items: center; gap: var(--_space);
    width: 100%; padding: 0 calc(var(--_space) * 1.5); border: none; border-radius: 0; background: none; text-align: start;
  }
  .member:hover, .member[aria-pressed='true'] { background: color-mix(in srgb, var(--_accent) 10%, transparent); }
  .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--_border); flex: none; }
  .dot.on { background: #16a34a; }
  .who { flex: 1; min-width: 0; display: grid; }
  .who > * { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .badge { font-size: 0.75em; border: 1px solid var(--_border); border-radius: 8px; padding: 0 6px; color: var(--_muted); }
  .tools { padding: var(--_space) calc(var(--_space) * 1.5); border-bottom: 1px solid var(--_border); display: grid; gap: var(--_space); }
  .selected { border: 1px solid var(--_border); border-radius: var(--_radius); padding: var(--_space); display: grid; gap: var(--_space); }
`;
