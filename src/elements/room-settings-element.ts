import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { WireRoomSettings } from '../session/room-admin.js';
import { PanelElement } from './panel-base.js';
import { formText } from './form-text.js';

/**
 * A room's settings for its owners: name, description, listed publicly, members only, who
 * may invite, persistent; the room's image where the server keeps one (Ethora's
 * ns:getrooms:setprofile); and deleting the room, after a confirmation.
 *
 * @fires ethora-close {CustomEvent} closed, or the room was deleted
 * @csspart panel-header, error, room-image
 *
 * @tag ethora-room-settings
 */
export class RoomSettingsElement extends PanelElement {
  /** The room's JID. */
  @property() room = '';
  @state() private settings?: WireRoomSettings;
  @state() private saved = false;
  @state() private confirming = false;
  /** We may set the room's image (owners, Ethora's ns:getrooms:setprofile). */
  @state() private imageSettable = false;
  /** Where the last action was: its error is shown there. */
  @state() private acted: 'settings' | 'image' = 'settings';
  @state() private imageSaved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    const admin = this.session?.admin;
    if (!admin || !this.room) return;
    void admin.canSetImage(this.room).then(
      (ok) => (this.imageSettable = ok),
      () => undefined,
    );
    await this.run(async () => (this.settings = await admin.settings(this.room)));
  }

  protected override render() {
    const s = this.settings;
    const t = (text: string) => this.t(text);
    return html`${this.header(t('Room settings'))}
      <div class="body">
        ${
          !s
            ? html`${this.errorLine()}<p class="empty" role="status">${this.busy ? t('Loading settings…') : ''}</p>`
            : html`<form @submit=${this.onSave} aria-labelledby="title" @input=${() => (this.saved = false)}>
              <label>${t('Name')}<input type="text" name="name" required maxlength="100" .value=${s.name} /></label>
              <label>${t('Description')}<textarea name="description" maxlength="1000" .value=${s.description}></textarea></label>
              <label class="check"><input type="checkbox" name="public" .checked=${s.public} /> ${t('Listed in the public room directory')}</label>
              <label class="check"><input type="checkbox" name="membersOnly" .checked=${s.membersOnly} /> ${t('Members only')}</label>
              <label class="check"><input type="checkbox" name="allowInvites" .checked=${s.allowInvites} /> ${t('Everyone may invite (not only admins)')}</label>
              <label class="check"><input type="checkbox" name="persistent" .checked=${s.persistent} /> ${t('Keep the room when everyone has left')}</label>
              ${this.acted === 'settings' ? this.errorLine() : nothing}
              ${this.saved ? html`<p class="muted" role="status">${t('Saved.')}</p>` : nothing}
              <div class="row"><button type="submit" class="primary" ?disabled=${this.busy}>${t(this.busy ? 'Saving…' : 'Save')}</button></div>
            </form>
            ${this.imageSettable ? this.imageForm() : nothing}
            <h3>${t('Danger zone')}</h3>
            ${
              this.confirming
                ? html`<div class="row" role="group" aria-label=${t('Confirm deleting the room')}>
                  <span>${t('Delete this room for everyone? Its history goes too.')}</span>
                  <button class="danger" ?disabled=${this.busy} @click=${this.onDestroy}>${t('Delete for everyone')}</button>
                  <button @click=${() => (this.confirming = false)}>${t('Keep the room')}</button>
                </div>`
                : html`<button class="danger" @click=${() => (this.confirming = true)}>${t('Delete room…')}</button>`
            }`
        }
      </div>`;
  }

  /** The room's image in the room list (an http(s) address); set or removed. */
  private imageForm() {
    const t = (text: string) => this.t(text);
    const current = this.session?.store.room(this.room)?.thumbnail ?? '';
    return html`<h3>${t('Room image')}</h3>
      <form class="image" aria-label=${t('Room image')} @submit=${this.onImage} @input=${() => (this.imageSaved = false)}>
        ${current ? html`<img part="room-image" src=${current} alt="" width="48" height="48" referrerpolicy="no-referrer" />` : nothing}
        <label>${t('Image address (http or https)')}<input type="text" inputmode="url" name="thumbnail" maxlength="2048" placeholder="https://" .value=${current} /></label>
        ${this.acted === 'image' ? this.errorLine() : nothing}
        ${this.imageSaved ? html`<p class="muted" role="status">${t('Image saved.')}</p>` : nothing}
        <div class="row">
          <button type="submit" ?disabled=${this.busy}>${t('Set image')}</button>
          ${current ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.saveImage('')}>${t('Remove image')}</button>` : nothing}
        </div>
      </form>`;
  }

  private onImage(e: SubmitEvent): void {
    e.preventDefault();
    void this.saveImage(formText(new FormData(e.target as HTMLFormElement), 'thumbnail'));
  }

  private async saveImage(url: string): Promise<void> {
    const admin = this.session?.admin;
    if (!admin) return;
    this.acted = 'image';
    this.imageSaved = await this.run(() => admin.setImage(this.room, url));
  }

  private async onSave(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    this.acted = 'settings';
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const next: WireRoomSettings = {
      name: formText(data, 'name'),
      description: formText(data, 'description'),
      public: data.has('public'),
      membersOnly: data.has('membersOnly'),
      allowInvites: data.has('allowInvites'),
      persistent: data.has('persistent'),
    };
    const admin = this.session?.admin;
    if (!admin) return;
    if (await this.run(() => admin.saveSettings(this.room, next))) {
      this.settings = next;
      this.saved = true;
    }
  }

  private async onDestroy(): Promise<void> {
    const admin = this.session?.admin;
    this.acted = 'settings';
    if (admin && (await this.run(() => admin.destroy(this.room)))) this.close();
  }
}
