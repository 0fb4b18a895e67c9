/**
 * The ban parts of <ethora-members>: the ban form (a reason and, with Ethora's bans, a
 * duration) and the room's banned list with Unban. Templates only: the element acts.
 */
import { html, nothing } from 'lit';
import type { Ban } from '../session/room-admin.js';
import { formText } from './form-text.js';

type T = (english: string, values?: Readonly<Record<string, string | number>>) => string;

/** The durations offered for Ethora's bans (seconds; 0: for ever). */
const DURATIONS: readonly [number, string][] = [
  [0, /* i18n */ 'For ever'],
  [3600, /* i18n */ '1 hour'],
  [86400, /* i18n */ '1 day'],
  [604800, /* i18n */ '1 week'],
];

export interface BanFormHost {
  t: T;
  busy: boolean;
  /** The user confirmed: ban for `seconds` (0: for ever) with an optional reason. */
  ban(seconds: number, reason: string | undefined): void;
  cancel(): void;
}

/** "Ban {name}": an optional reason, the duration, Ban and Cancel. */
export function banForm(host: BanFormHost, name: string) {
  const { t } = host;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const seconds = Number(data.get('duration'));
    host.ban(Number.isSafeInteger(seconds) && seconds > 0 ? seconds : 0, formText(data, 'reason').trim() || undefined);
  };
  return html`<form class="ban" @submit=${submit} aria-label=${t('Ban {name}', { name })}>
    <input type="text" name="reason" aria-label=${t('Reason (optional, shown to {name})', { name })} placeholder=${t('Reason (optional)')} maxlength="200" />
    <label>${t('Duration')}
      <select name="duration">${DURATIONS.map(([s, label]) => html`<option value=${s}>${t(label)}</option>`)}</select>
    </label>
    <div class="row">
      <button type="submit" class="danger" ?disabled=${host.busy}>${t('Ban')}</button>
      <button type="button" @click=${() => host.cancel()}>${t('Cancel')}</button>
    </div>
  </form>`;
}

/** The room's banned list (outcasts and Ethora's bans, with their reason and end), each with Unban. */
export function bannedList(t: T, lang: string, bans: readonly Ban[], unban: (ban: Ban) => void) {
  const when = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return html`<div class="body">
    <h3>${t('Banned ({n})', { n: bans.length })}</h3>
    ${
      bans.length === 0
        ? html`<p class="empty">${t('Nobody is banned.')}</p>`
        : html`<ul aria-label=${t('Banned users')}>${bans.map(
            (b) => html`<li class="row item">
          <span class="grow">${b.jid}${b.reason ? html` <span class="muted">— ${b.reason}</span>` : nothing}${
            b.kind === 'ethora'
              ? html` <span class="muted until">· ${b.until ? t('until {time}', { time: when.format(b.until) }) : t('for ever')}</span>`
              : nothing
          }</span>
          <button @click=${() => unban(b)} aria-label=${t('Unban {name}', { name: b.jid })}>${t('Unban')}</button>
        </li>`,
          )}</ul>`
    }
  </div>`;
}
