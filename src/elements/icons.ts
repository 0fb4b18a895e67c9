import { svg } from 'lit';

/**
 * Small line icons drawn inline (no icon font, no emoji font needed: every system shows them
 * alike). Decorative: the button carrying one has the accessible name.
 */
const icon = (body: ReturnType<typeof svg>) => svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const plusIcon = icon(svg`<path d="M12 5v14M5 12h14"/>`);
export const searchIcon = icon(svg`<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5"/>`);
export const peopleIcon = icon(
  svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><path d="M16 4.6a3.5 3.5 0 0 1 0 6.8M18 14.3a6.5 6.5 0 0 1 3.5 5.7"/>`,
);
