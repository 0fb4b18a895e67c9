// The demo page's script (a file: the page's Content-Security-Policy allows no inline script).
// Local demo only: the demo users' passwords equal their names (see server/README.md).
const user = new URLSearchParams(location.search).get('user') || 'alice';
if (/^[a-z]+$/.test(user)) {
  const chat = document.getElementById('chat');
  chat.jid = user + '@localhost';
  chat.password = user;
  document.title = 'ethora-chat: ' + user;
}
