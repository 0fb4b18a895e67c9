/**
 * disco#info features per address (our server, our account), asked once per XMPP session; a failed
 * ask is forgotten, so the next question asks again.
 */
export class FeatureCache {
  private readonly asked = new Map<string, Promise<string[]>>();

  /** Whether `jid` advertises `feature`; `ask` fetches its features when not known yet. False on an error. */
  async has(jid: string, feature: string, ask: (jid: string) => Promise<string[]>): Promise<boolean> {
    let features = this.asked.get(jid);
    if (!features) {
      features = ask(jid);
      this.asked.set(jid, features);
      features.catch(() => this.asked.delete(jid));
    }
    return (await features.catch(() => [] as string[])).includes(feature);
  }

  clear(): void {
    this.asked.clear();
  }
}
