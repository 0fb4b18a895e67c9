import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import type { WireAffiliate } from '../session/room-admin.js';
import type { Affiliation } from '../state/wire-events.js';
import { label, type Member, type Rights, type Roster } from '../session/room-admin.js';
import { PanelElement } from './panel-base.js';
import { panelStyles } from './panel-base.styles.js';
import { cssomStyle } from './cssom-style.js';
import { theme } from './theme.js';
import { formText } from './form-text.js';
import { ROW, membersStyles } from './members-element.styles.js';

/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6;

const AFFILIATION_NAMES: Record<Affiliation, string> = {
  owner: /* i18n */ 'owner',
  admin: /* i18n */ 'admin',
  member: /* i18n */ 'member',
  outcast: /* i18n */ 'banned',
  none: '',
};

/**
 * Who is in a room: occupants online now, then members who are away (with their last
 * activity where the server reveals it), filtered by name; a virtualized list, so a room of
 * thousands stays light. Selecting someone shows what the user may do to them: grant or take
 * admin or membership, kick or ban with a reason, silence or give voice. Admins see the banned
 * list with Unban; anyone may invite.
 *
 * @fires ethora-close {CustomEvent} the panel was closed
 * @csspart panel-header, error, member
 *
 * @tag ethora-members
 */
export class MembersElement extends PanelElement {
  static override styles = [theme, panelStyles, membersStyles];

  /** The room's JID. */
  @property() room = '';
  @state() private members: Member[] = [];
  @state() private outcasts: WireAffiliate[] = [];
  @state() private filter = '';
  @state() private selected?: string;
  @state() private notice = '';
  @state() private first = 0;
  @state() private visibleRows = 12;
  private readonly lastSeen = new Map<string, number | null>();
  private readonly roomState = new StoreController(this, () => ({ session: this.session, topic: this.room ? (`room:${this.room}` as const) : undefined }));
  /** The away members, fetched on opening and after an action; occupants come from the store. */
  private roster: Roster = { affiliates: [], ethora: [] };
  private merged = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.roomState.refresh();
    if (changed.has('room') && changed.get('room') !== undefined) {
      this.roster = { affiliates: [], ethora: [] };
      void this.load();
    }
    // Occupants come and go: merge the live ones again, without asking the server (the
    // signature is exact, so a change of role or nick shows and nothing else re-merges).
    const r = this.session?.store.room(this.room);
    const signature = `${this.room}\n${[...(r?.occupants.values() ?? [])].map((o) => `${o.nick}\0${o.jid ?? ''}\0${o.role}\0${o.affiliation}`).join('\n')}`;
    if (signature !== this.merged) this.merge(signature);
  }

  private merge(signature = this.merged): void {
    this.merged = signature;
    if (this.session) this.members = this.session.admin.members(this.room, this.roster);
  }

  /** Key of a member for selection and last-activity lookups. */
  private key(m: Member): string {
    return m.jid ?? `nick:${m.nick}`;
  }

  private async load(): Promise<void> {
    const admin = this.session?.admin;
    if (!admin || !this.room) return;
    const room = this.room;
    await this.run(async () => {
      const roster = await admin.roster(room);
      if (room !== this.room) return;
      this.roster = roster;
      this.merge();
      if (admin.rights(this.room).admin) this.outcasts = await admin.outcasts(this.room).catch(() => []);
    });
  }

  private get rights(): Rights {
    return this.session?.admin.rights(this.room) ?? { configure: false, admin: false, owner: false, moderate: false };
  }

  protected override render() {
    const needle = this.filter.trim().toLowerCase();
    const shown = needle ? this.members.filter((m) => `${label(m)} ${m.jid ?? ''}`.toLowerCase().includes(needle)) : this.members;
    const online = this.members.filter((m) => m.online).length;
    const selected = this.members.find((m) => this.key(m) === this.selected);
    return html`${this.header(this.t('Members ({n} online)', { n: online }))}
      <div class="tools">
        <input type="search" aria-label=${this.t('Filter members')} placeholder=${this.t('Filter by name')}
          .value=${this.filter} @input=${(e: Event) => ((this.filter = (e.target as HTMLInputElement).value), (this.first = 0))} />
        <form class="row" @submit=${this.onInvite} aria-label=${this.t('Invite someone')}>
          <input class="grow" type="text" name="jid" aria-label=${this.t('Address to invite')} placeholder=${this.t('Invite: bob@example.com')} autocomplete="off" required />
          <button type="submit" ?disabled=${this.busy}>${this.t('Invite')}</button>
        </form>
        ${this.errorLine()}
        ${this.notice ? html`<p class="muted" role="status">${this.notice}</p>` : nothing}
        ${selected ? this.renderSelected(selected) : nothing}
      </div>
      <div class="viewport" @scroll=${this.onScroll}>
        ${shown.length === 0 ? html`<p class="empty body">${this.t(this.busy ? 'Loading…' : 'Nobody matches')}</p>` : this.renderRows(shown)}
        ${this.rights.admin ? this.renderOutcasts() : nothing}
      </div>`;
  }

  /** Only the rows in view (plus a margin) exist in the DOM. */
  private renderRows(shown: Member[]) {
    const start = Math.max(0, this.first - OVERSCAN);
    const end = Math.min(shown.length, this.first + this.visibleRows + OVERSCAN);
    const rows = [];
    for (let i = start; i < end; i++) rows.push(this.renderMember(shown[i], i, shown.length));
    return html`<div class="rows" role="list" aria-label=${this.t('Members')} ${cssomStyle({ height: `${shown.length * ROW}px` })}>${rows}</div>`;
  }

  private renderMember(m: Member, index: number, total: number) {
    const key = this.key(m);
    const seen = m.online
      ? undefined
      : m.lastActive !== undefined
        ? Math.max(0, (Date.now() - m.lastActive) / 1000)
        : m.jid
          ? this.lastSeenOf(m.jid)
          : undefined;
    const badges = [
      m.online && m.role === 'moderator' ? /* i18n */ 'moderator' : '',
      m.online && m.role === 'visitor' ? /* i18n */ 'silenced' : '',
      AFFILIATION_NAMES[m.affiliation],
    ].filter(Boolean);
    return html`<div class="slot" role="listitem" aria-setsize=${total} aria-posinset=${index + 1} ${cssomStyle({ top: `${index * ROW}px` })}>
      <button class="member" part="member" aria-pressed=${this.selected === key ? 'true' : 'false'} @click=${() => this.select(key)}>
        <span class="dot ${m.online ? 'on' : ''}" aria-hidden="true"></span>
        <span class="who">
          <span>${m.self ? this.t('{name} (you)', { name: label(m) }) : label(m)}</span>
          <span class="muted">${m.online ? this.t('online') : seen !== undefined ? this.t('away, active {ago}', { ago: this.i18n.ago(seen) }) : this.t('away')}${m.jid ? ` · ${m.jid}` : ''}</span>
        </span>
        ${badges.map((b) => html`<span class="badge">${this.t(b)}</span>`)}
      </button>
    </div>`;
  }

  private select(key: string): void {
    this.selected = this.selected === key ? undefined : key;
    this.error = '';
    this.notice = '';
  }

  /** Last activity, fetched once per user as their row comes into view. */
  private lastSeenOf(jid: string): number | undefined {
    if (!this.lastSeen.has(jid)) {
      this.lastSeen.set(jid, null);
      void this.session?.admin.lastActivity(jid).then((s) => {
        if (s === undefined) return;
        this.lastSeen.set(jid, s);
        this.requestUpdate();
      });
    }
    return this.lastSeen.get(jid) ?? undefined;
  }

  /** What we may do to the selected member (the server has the last word). */
  private renderSelected(m: Member) {
    const r = this.rights;
    const actions = [];
    const name = label(m);
    if (!m.self) {
      if (m.online && m.nick && r.moderate && m.affiliation !== 'owner' && m.affiliation !== 'admin') {
        actions.push(
          html`<button @click=${() => this.act(this.t('{name} was removed', { name }), (a) => a.kick(this.room, m.nick!, this.reason()))}>${this.t('Kick')}</button>`,
        );
        actions.push(
          m.role === 'visitor'
            ? html`<button @click=${() => this.act(this.t('{name} can speak again', { name }), (a) => a.setRole(this.room, m.nick!, 'participant'))}>${this.t('Give voice')}</button>`
            : html`<button @click=${() => this.act(this.t('{name} is silenced', { name }), (a) => a.setRole(this.room, m.nick!, 'visitor'))}>${this.t('Silence')}</button>`,
        );
      }
      if (m.jid && r.admin && (r.owner || (m.affiliation !== 'owner' && m.affiliation !== 'admin'))) {
        const jid = m.jid;
        if (r.owner) {
          actions.push(
            m.affiliation === 'admin'
              ? html`<button @click=${() => this.act(this.t('{name} is no longer an admin', { name }), (a) => a.setAffiliation(this.room, jid, 'member'))}>${this.t('Revoke admin')}</button>`
              : html`<button @click=${() => this.act(this.t('{name} is now an admin', { name }), (a) => a.setAffiliation(this.room, jid, 'admin'))}>${this.t('Make admin')}</button>`,
          );
        }
        actions.push(
          m.affiliation === 'none'
            ? html`<button @click=${() => this.act(this.t('{name} is now a member', { name }), (a) => a.setAffiliation(this.room, jid, 'member'))}>${this.t('Make member')}</button>`
            : html`<button @click=${() => this.act(this.t('{name} is no longer a member', { name }), (a) => a.setAffiliation(this.room, jid, 'none'))}>${this.t('Revoke membership')}</button>`,
        );
        actions.push(
          html`<button class="danger" @click=${() => this.act(this.t('{name} is banned', { name }), (a) => a.setAffiliation(this.room, jid, 'outcast', this.reason()))}>${this.t('Ban')}</button>`,
        );
      }
    }
    return html`<div class="selected" role="group" aria-label=${this.t('Actions for {name}', { name })}>
      <strong>${name}${m.jid ? html` <span class="muted">${m.jid}</span>` : nothing}</strong>
      ${
        actions.length
          ? html`<input type="text" name="reason" aria-label=${this.t('Reason (optional, shown to {name})', { name })} placeholder=${this.t('Reason (optional)')} maxlength="200" />
            <div class="row">${actions}</div>`
          : html`<span class="muted">${this.t(m.self ? 'This is you.' : 'You cannot change anything for this person here.')}</span>`
      }
    </div>`;
  }

  private renderOutcasts() {
    return html`<div class="body">
      <h3>${this.t('Banned ({n})', { n: this.outcasts.length })}</h3>
      ${
        this.outcasts.length === 0
          ? html`<p class="empty">${this.t('Nobody is banned.')}</p>`
          : html`<ul aria-label=${this.t('Banned users')}>${this.outcasts.map(
              (o) => html`<li class="row item">
            <span class="grow">${o.jid}${o.reason ? html` <span class="muted">— ${o.reason}</span>` : nothing}</span>
            <button @click=${() => this.act(this.t('{name} is no longer banned', { name: o.jid }), (a) => a.setAffiliation(this.room, o.jid, 'none'))} aria-label=${this.t('Unban {name}', { name: o.jid })}>${this.t('Unban')}</button>
          </li>`,
            )}</ul>`
      }
    </div>`;
  }

  private reason(): string | undefined {
    return this.renderRoot.querySelector<HTMLInputElement>('input[name=reason]')?.value.trim() || undefined;
  }

  private async act(done: string, action: (admin: NonNullable<MembersElement['session']>['admin']) => Promise<unknown>): Promise<void> {
    const admin = this.session?.admin;
    if (!admin) return;
    this.notice = '';
    if (await this.run(() => action(admin))) {
      this.notice = done;
      await this.load();
    }
  }

  private async onInvite(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const jid = formText(new FormData(form), 'jid');
    const admin = this.session?.admin;
    if (!admin) return;
    this.notice = '';
    if (await this.run(() => admin.invite(this.room, jid))) {
      this.notice = this.t('Invitation sent to {name}', { name: jid.trim() });
      form.reset();
    }
  }

  private onScroll(e: Event): void {
    const el = e.target as HTMLElement;
    this.first = Math.floor(el.scrollTop / ROW);
    this.visibleRows = Math.ceil(el.clientHeight / ROW) + 1;
  }
}
