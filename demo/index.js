// The demo page's script (a file: the page's Content-Security-Policy allows no inline script).
// Local demo only: the demo users' passwords equal their names (see server/README.md).
const params = new URLSearchParams(location.search);
const user = params.get('user') || 'alice';
const chat = document.getElementById('chat');
// Another local server (a kit slot or profile, see README): ?service=ws://127.0.0.1:PORT/ws
const service = params.get('service');
if (service && /^ws:\/\/127\.0\.0\.1:\d+\/ws$/.test(service)) {
  chat.service = service;
  // The kit's stats page (server/receiver.mjs) is on that server's HTTP port + 8.
  const port = Number(new URL(service.replace(/^ws/, 'http')).port) + 8;
  document.getElementById('stats-link')?.setAttribute('href', `http://127.0.0.1:${port}/stats`);
}
if (/^[a-z]+$/.test(user)) {
  chat.jid = user + '@localhost';
  chat.password = user;
  document.title = 'ethora-chat: ' + user;
}
