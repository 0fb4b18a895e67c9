import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { RoomKind } from '../session/room-admin.js';
import { PanelElement } from './panel-base.js';
import { formText } from './form-text.js';

// English texts: translated at render time (src/i18n).
const KINDS: { kind: RoomKind; label: string; hint: string }[] = [
  { kind: 'public', label: /* i18n */ 'Public', hint: /* i18n */ 'Listed; anyone on the server can join' },
  { kind: 'group', label: /* i18n */ 'Group', hint: /* i18n */ 'Not listed; members only, by invitation' },
  { kind: 'private', label: /* i18n */ 'Private chat', hint: /* i18n */ 'Just you and one other person' },
];

/**
 * Creates a room: public, members-only group, or a 1:1 private chat; the user becomes its
 * owner and it opens.
 *
 * @fires ethora-close {CustomEvent} cancelled, or the room was created and opened
 * @csspart panel-header, error
 *
 * @tag ethora-new-room
 */
export class NewRoomElement extends PanelElement {
  @state() private kind: RoomKind = 'public';

  protected override render() {
    const priv = this.kind === 'private';
    const t = (text: string) => this.t(text);
    return html`${this.header(t('New room'))}
      <div class="body">
        <form @submit=${this.onSubmit} aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
          <fieldset>
            <legend>${t('Kind')}</legend>
            ${KINDS.map(
              (k) => html`<label class="check">
              <input type="radio" name="kind" .value=${k.kind} .checked=${this.kind === k.kind} @change=${() => (this.kind = k.kind)} />
              <span>${t(k.label)} <span class="muted">— ${t(k.hint)}</span></span>
            </label>`,
            )}
          </fieldset>
          ${
            priv
              ? html`<label>${t('With (address)')}<input type="text" name="with" required autocomplete="off" placeholder="bob@example.com" /></label>`
              : html`<label>${t('Name')}<input type="text" name="name" required maxlength="100" autocomplete="off" /></label>
                <label>${t('Description')}<textarea name="description" maxlength="1000"></textarea></label>`
          }
          ${this.errorLine()}
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy}>${t(this.busy ? 'Creating…' : priv ? 'Start chat' : 'Create room')}</button>
            <button type="button" @click=${() => this.close()}>${t('Cancel')}</button>
          </div>
        </form>
      </div>`;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => formText(data, k);
    const admin = this.session?.admin;
    if (!admin) return;
    const ok = await this.run(() => admin.create({ kind: this.kind, name: get('name'), description: get('description'), with: get('with') }));
    if (ok) this.close();
  }
}
