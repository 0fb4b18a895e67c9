// Imports the ES module build: importing it defines the elements; the classes are exported too.
import { ChatElement, VERSION } from '../dist/ethora-chat.mjs';

const chat = document.getElementById('chat');
const log = document.getElementById('log');
const note = (text) => {
  log.textContent = `${new Date().toLocaleTimeString()} ${text}\n${log.textContent}`.slice(0, 4000);
};

note(`ethora-chat ${VERSION}; <ethora-chat> is a ChatElement: ${chat instanceof ChatElement}`);
for (const name of ['ethora-connection-change', 'ethora-message-received', 'ethora-message-sent', 'ethora-unread-change', 'ethora-room-open', 'ethora-error']) {
  chat.addEventListener(name, (e) => note(`${name} ${JSON.stringify(e.detail)}`));
}
chat.addEventListener('ethora-connection-change', (e) => {
  if (e.detail.status === 'online' && !chat.dataset.greeted) {
    chat.dataset.greeted = '1';
    setTimeout(() => chat.sendMessage('lobby@conference.localhost', 'Hello from the ES-module demo'), 1500);
  }
});
// Local demo only: the demo users' passwords equal their names (see server/README.md).
chat.jid = 'carol@localhost';
chat.password = 'carol';
