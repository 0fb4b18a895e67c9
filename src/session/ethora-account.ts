/**
 * An Ethora account signed in through the REST API: turns its answers into what the chat
 * session needs (the XMPP JID and password, room references, an upload function). The REST
 * details live in src/rest/; this module only maps names and domains.
 */
import type { WireMedia, WireRoomRef } from '../protocol/types.js';
import { EthoraApi, type EthoraApiOptions } from '../rest/ethora-api.js';
import type { Transfer } from './upload.js';

/** What the REST API adds to a session: its room list, and optionally file upload. */
export interface RestServices {
  /** Room references from the API (merged with the other room sources). */
  rooms(): Promise<WireRoomRef[]>;
  /** Stores a file over REST instead of XEP-0363; resolves with where it is served. */
  uploadFile?(file: File, onProgress: (fraction: number) => void): Transfer<Pick<WireMedia, 'url' | 'previewUrl'>>;
}

export interface XmppCredentials {
  jid: string;
  password: string;
}

export interface EthoraAccountOptions extends EthoraApiOptions {
  /** The XMPP domain of the accounts (Ethora: the WebSocket host); rooms are on `conference.<domain>`. */
  domain: string;
}

/** The XMPP domain for an Ethora service URL: its host name (ethora-protocol.md §1.1). */
export function domainOfService(service: string): string {
  try {
    return new URL(service).hostname;
  } catch {
    return '';
  }
}

export class EthoraAccount {
  readonly api: EthoraApi;
  private readonly domain: string;

  constructor(options: EthoraAccountOptions) {
    this.api = new EthoraApi(options);
    this.domain = options.domain.toLowerCase();
  }

  async signInWithEmail(email: string, password: string): Promise<XmppCredentials> {
    return this.credentials(await this.api.loginWithEmail(email.trim(), password));
  }

  async signInWithToken(jwt: string): Promise<XmppCredentials> {
    return this.credentials(await this.api.loginWithToken(jwt.trim()));
  }

  /** The session's REST services; `restUpload`: files go to `POST /files/` rather than XEP-0363. */
  services(restUpload: boolean): RestServices {
    const services: RestServices = {
      rooms: async () => (await this.api.myRooms()).map((r) => ({ room: `${r.name}@conference.${this.domain}`, ...(r.title ? { name: r.title } : {}) })),
    };
    if (restUpload) {
      services.uploadFile = (file, onProgress) => {
        const abort = new AbortController();
        const done = this.api
          .uploadFile(file, onProgress, abort.signal)
          .then((f) => ({ url: f.location, ...(f.locationPreview ? { previewUrl: f.locationPreview } : {}) }));
        return { done, abort: () => abort.abort() };
      };
    }
    return services;
  }

  private credentials(signIn: { xmppUsername: string; xmppPassword: string }): XmppCredentials {
    return { jid: `${signIn.xmppUsername}@${this.domain}`, password: signIn.xmppPassword };
  }
}
