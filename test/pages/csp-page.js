// Test page script (a file: the page's CSP forbids inline scripts). Records every CSP
// violation, then mounts one <ethora-chat> per entry of the `widgets` query parameter
// (JSON: [{ service, jid, password, rooms, keepAlive? }]).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
});
document.addEventListener('DOMContentLoaded', () => {
  const widgets = JSON.parse(new URLSearchParams(location.search).get('widgets') || '[]');
  for (const w of widgets) {
    const chat = document.createElement('ethora-chat');
    for (const name of ['service', 'jid', 'password', 'rooms']) chat.setAttribute(name, w[name]);
    chat.setAttribute('max-reconnect-attempts', '8');
    if (w.keepAlive) chat.keepAlive = w.keepAlive;
    document.body.append(chat);
  }
});
