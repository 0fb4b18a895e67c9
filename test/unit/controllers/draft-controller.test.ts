import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DraftController } from '../../../src/controllers/draft-controller.js';
import type { ComposerElement } from '../../../src/elements/composer-element.js';
import type { ChatSession } from '../../../src/session/chat-session.js';

describe('DraftController', () => {
  it('puts the room’s draft back once, and looks the composer up on no later update', async () => {
    let controller!: ReactiveController;
    const host: ReactiveControllerHost = {
      addController: (c: ReactiveController) => void (controller = c),
      removeController: () => undefined,
      requestUpdate: () => undefined,
      updateComplete: Promise.resolve(true),
    };
    const composer = { text: '', updateComplete: Promise.resolve(true) } as unknown as ComposerElement;
    let lookups = 0;
    const session = { drafts: { get: () => ({ text: 'half a thought' }) } } as unknown as ChatSession;
    new DraftController(host, {
      session: () => session,
      room: () => 'room@conference.localhost',
      // In the room view this walks its shadow root past every rendered row.
      composer: () => (lookups++, composer),
      mode: () => undefined,
      setMode: () => undefined,
    });
    controller.hostUpdate!();
    controller.hostUpdated!();
    await Promise.resolve();
    await Promise.resolve();
    expect(composer.text).to.equal('half a thought');
    const restored = lookups;
    // A burst of messages: an update a frame, the room unchanged.
    for (let i = 0; i < 20; i++) {
      controller.hostUpdate!();
      controller.hostUpdated!();
    }
    expect(lookups - restored, 'composer lookups after the draft is back').to.equal(0);
  });
});
