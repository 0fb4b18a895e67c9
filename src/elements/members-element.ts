import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { StoreController } from '../controllers/store-controller.js';
import type { Affiliation } from '../state/wire-events.js';
import { EMPTY_ROSTER, label, type Ban, type Member, type Rights, type Roster } from '../session/room-admin.js';
import { banForm, bannedList } from './members-bans.js';
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
 * Who is in a room: occupants online now, then members who are away (with their last activity
 * where the server reveals it), filtered by name; a virtualized list, so a room of thousands stays
 * light. Selecting someone shows what the user may do to them: grant or take admin or membership,
 * kick or ban with a reason (Ethora's bans: and a duration), silence or give voice. Admins (and
 * moderators, with Ethora's bans) see the banned list with Unban; anyone may invite.
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
  /** Ethora's bans (a duration) are offered: the Ethora dialect on a server with its ban module. */
  @state() private timed = false;
  /** The member whose ban form is open. */
  @state() private banning?: string;
  @state() private filter = '';
  @state() private selected?: string;
  @state() private notice = '';
  @state() private first = 0;
  @state() private visibleRows = 12;
  private readonly lastSeen = new Map<string, number | null>();
  private readonly roomState = new StoreController(this, () => ({ session: this.session, topic: this.room ? (`room:${this.room}` as const) : undefined }));
  /** The away members, fetched on opening and after an action; occupants come from the store. */
  private roster: Roster = EMPTY_ROSTER;
  private merged = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.roomState.refresh();
    if (changed.has('room') && changed.get('room') !== undefined) {
      this.roster = EMPTY_ROSTER;
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
      const [roster, timed] = await Promise.all([admin.roster(room), admin.timedBans().catch(() => false)]);
      if (room !== this.room) return;
      this.roster = roster;
      this.timed = timed;
      this.merge();
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
        ${
          this.rights.admin || (this.timed && this.rights.moderate)
            ? bannedList(
                (t, v) => this.t(t, v),
                this.i18n.lang,
                this.roster.bans,
                (b) => this.unban(b),
              )
            : nothing
        }
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
      m.banned && m.affiliation !== 'outcast' ? /* i18n */ 'banned' : '',
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
    this.banning = undefined;
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
        if (!this.timed)
          actions.push(
            html`<button class="danger" @click=${() => this.act(this.t('{name} is banned', { name }), (a) => a.setAffiliation(this.room, jid, 'outcast', this.reason()))}>${this.t('Ban')}</button>`,
          );
      }
      const ban = this.roster.bans.find((b) => b.jid === m.jid);
      if (m.jid && this.timed && (r.moderate || r.admin) && m.affiliation !== 'owner') {
        if (this.banning === this.key(m))
          return this.selectedGroup(
            m,
            banForm({ t: (t, v) => this.t(t, v), busy: this.busy, cancel: () => (this.banning = undefined), ban: (s, reason) => this.ban(m, s, reason) }, name),
          );
        actions.push(
          ban
            ? html`<button @click=${() => this.unban(ban)}>${this.t('Unban')}</button>`
            : html`<button class="danger" @click=${() => (this.banning = this.key(m))}>${this.t('Ban…')}</button>`,
        );
      }
    }
    return this.selectedGroup(
      m,
      actions.length
        ? html`<input type="text" name="reason" aria-label=${this.t('Reason (optional, shown to {name})', { name })} placeholder=${this.t('Reason (optional)')} maxlength="200" />
          <div class="row">${actions}</div>`
        : html`<span class="muted">${this.t(m.self ? 'This is you.' : 'You cannot change anything for this person here.')}</span>`,
    );
  }

  private selectedGroup(m: Member, content: unknown) {
    const name = label(m);
    return html`<div class="selected" role="group" aria-label=${this.t('Actions for {name}', { name })}>
      <strong>${name}${m.jid ? html` <span class="muted">${m.jid}</span>` : nothing}</strong>
      ${content}
    </div>`;
  }

  /** Ethora's ban from the ban form; the server's refusal stays in the form's panel. */
  private ban(m: Member, seconds: number, reason: string | undefined): void {
    const name = label(m);
    void this.act(this.t('{name} is banned', { name }), (a) => a.ban(this.room, m.jid!, seconds, reason)).then(() => {
      if (!this.error) this.banning = undefined;
    });
  }

  private unban(b: Ban): void {
    void this.act(this.t('{name} is no longer banned', { name: b.jid }), (a) => a.unban(this.room, b));
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
