import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { WirePublicRoom } from '../session/room-admin.js';
import { PanelElement } from './panel-base.js';

/**
 * The server's public rooms (its MUC directory), filtered by name; Join adds a room to the
 * user's list, subscribes to it and opens it.
 *
 * @fires ethora-close {CustomEvent} closed, or a room was joined
 * @csspart panel-header, error
 *
 * @tag ethora-room-browser
 */
export class RoomBrowserElement extends PanelElement {
  @state() private rooms?: WirePublicRoom[];
  @state() private filter = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const admin = this.session?.admin;
    if (admin) await this.run(async () => (this.rooms = await admin.publicRooms()));
  }

  protected override render() {
    const needle = this.filter.trim().toLowerCase();
    const shown = (this.rooms ?? []).filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.jid.includes(needle));
    const t = (text: string) => this.t(text);
    return html`${this.header(t('Find rooms'))}
      <div class="body">
        <input type="search" aria-label=${t('Filter rooms by name')} placeholder=${t('Filter by name')}
          .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />
        ${this.errorLine()}
        ${
          this.rooms === undefined
            ? html`<p class="empty" role="status">${this.busy ? t('Loading rooms…') : ''}</p>`
            : shown.length === 0
              ? html`<p class="empty" role="status">${t(this.rooms.length ? 'No room matches' : 'This server lists no public rooms')}</p>`
              : html`<ul aria-label=${t('Public rooms')}>
                ${repeat(
                  shown,
                  (r) => r.jid,
                  (r) => this.renderRoom(r),
                )}
              </ul>`
        }
      </div>`;
  }

  private renderRoom(r: WirePublicRoom) {
    const mine = this.session?.store.room(r.jid);
    return html`<li class="row item">
      <span class="grow"><strong>${r.name}</strong><br /><span class="muted">${r.jid}</span></span>
      ${
        mine?.join === 'joined'
          ? html`<button @click=${() => this.openRoom(r.jid)} aria-label=${this.t('Open {name}', { name: r.name })}>${this.t('Open')}</button>`
          : html`<button class="primary" ?disabled=${this.busy} @click=${() => this.join(r.jid)} aria-label=${this.t('Join {name}', { name: r.name })}>${this.t('Join')}</button>`
      }
    </li>`;
  }

  private openRoom(jid: string): void {
    this.session?.open(jid);
    this.close();
  }

  private async join(jid: string): Promise<void> {
    const admin = this.session?.admin;
    if (admin && (await this.run(() => admin.join(jid)))) this.close();
  }
}
