import { html } from 'lit';
import { state } from 'lit/decorators.js';
import type { RoomKind } from '../session/room-admin.js';
import { PanelElement } from './panel-base.js';

const KINDS: { kind: RoomKind; label: string; hint: string }[] = [
  { kind: 'public', label: 'Public', hint: 'Listed; anyone on the server can join' },
  { kind: 'group', label: 'Group', hint: 'Not listed; members only, by invitation' },
  { kind: 'private', label: 'Private chat', hint: 'Just you and one other person' },
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
    return html`${this.header('New room')}
      <div class="body">
        <form @submit=${this.onSubmit} aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
          <fieldset>
            <legend>Kind</legend>
            ${KINDS.map((k) => html`<label class="check">
              <input type="radio" name="kind" .value=${k.kind} .checked=${this.kind === k.kind} @change=${() => (this.kind = k.kind)} />
              <span>${k.label} <span class="muted">— ${k.hint}</span></span>
            </label>`)}
          </fieldset>
          ${priv
            ? html`<label>With (address)<input type="text" name="with" required autocomplete="off" placeholder="bob@example.com" /></label>`
            : html`<label>Name<input type="text" name="name" required maxlength="100" autocomplete="off" /></label>
                <label>Description<textarea name="description" maxlength="1000"></textarea></label>`}
          ${this.errorLine()}
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy}>${this.busy ? 'Creating…' : priv ? 'Start chat' : 'Create room'}</button>
            <button type="button" @click=${() => this.close()}>Cancel</button>
          </div>
        </form>
      </div>`;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '');
    const admin = this.session?.admin;
    if (!admin) return;
    const ok = await this.run(() => admin.create({ kind: this.kind, name: get('name'), description: get('description'), with: get('with') }));
    if (ok) this.close();
  }
}
