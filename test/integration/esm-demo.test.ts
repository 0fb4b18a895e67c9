// The ES-module build as a page would use it: demo/esm.html imports dist/ethora-chat.mjs from a
// module script, listens to the widget's events and calls its JS API.
import { expect } from '@open-wc/testing';
import { until } from '../support/wait.js';

describe('integration: dist/ethora-chat.mjs (demo/esm.html)', function () {
  // Loading the whole module, signing in, joining and a round trip through the room.
  this.timeout(60000);
  it('defines the elements, exports the classes and chats through the real server', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:800px;height:600px';
    frame.src = '/demo/esm.html';
    document.body.append(frame);
    try {
      const log = await until(() => frame.contentDocument?.getElementById('log'), 'the demo page');
      await until(() => log.textContent.includes('is a ChatElement: true'), 'the module to load', 20000);
      await until(() => log.textContent.includes('"status":"online"'), 'the widget online', 20000);
      await until(() => /ethora-message-sent .*Hello from the ES-module demo/.test(log.textContent), 'sendMessage() confirmed by the room', 20000);
      expect(frame.contentWindow!.customElements.get('ethora-chat')).to.exist;
    } finally {
      frame.remove();
    }
  });
});
