/**
 * A real page in an iframe: test/pages/csp.html, which loads the single-script bundle
 * (dist/ethora-chat.js) under a strict Content-Security-Policy and mounts the widgets it is
 * given. A page of its own, so it can also really be reloaded.
 */
import type { ChatElement } from '../../src/elements/chat-element.js';
import { until } from '../support/wait.js';

export interface PageWidget {
  service: string;
  jid: string;
  password: string;
  rooms: string;
  keepAlive?: { interval?: number; timeout?: number; connectTimeout?: number };
}

export interface CspViolation {
  directive: string;
  blocked: string;
  sample: string;
}

export interface TestPage {
  frame: HTMLIFrameElement;
  /** The page's widgets, in the order given (new elements after a reload). */
  chats(): ChatElement[];
  /** CSP violations the page has seen since it (re)loaded. */
  violations(): CspViolation[];
  /** Reloads the page (location.reload()) and waits until its widgets exist again. */
  reload(): Promise<void>;
}

type PageWindow = Window & { cspViolations?: CspViolation[] };

export async function openPage(widgets: PageWidget[]): Promise<TestPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 520px; border: 0';
  const win = () => frame.contentWindow as PageWindow;
  const loaded = async () => {
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    await until(
      () => win().customElements.get('ethora-chat') && win().document.querySelectorAll('ethora-chat').length === widgets.length,
      'the page’s widgets',
    );
  };
  const first = loaded();
  frame.src = `/test/pages/csp.html?widgets=${encodeURIComponent(JSON.stringify(widgets))}`;
  document.body.append(frame);
  await first;
  return {
    frame,
    chats: () => [...win().document.querySelectorAll<ChatElement>('ethora-chat')],
    violations: () => win().cspViolations ?? [],
    async reload() {
      const again = loaded();
      win().location.reload();
      await again;
    },
  };
}
