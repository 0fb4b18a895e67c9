/* Ethora Chat for WordPress: turns each .ethora-chat-wp placeholder into an <ethora-chat>.
 * Signed-in users: the element's credentials callback asks the site's REST route for a fresh
 * short-lived token on every connect and reconnect (cookie + X-WP-Nonce; nothing is stored).
 * Guests: anonymous sign-in on the guest domain, with the nickname they pick marked "(guest)". */
(function () {
  'use strict';
  var data = window.ethoraChatWp || (window.ethoraChatWp = {});
  var text = data.text || {};

  /** Signed-in user: { jid, password: token } from POST /ethora-chat/v1/token. */
  function tokenCredentials() {
    return fetch(data.rest, { method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: { 'X-WP-Nonce': data.nonce } }).then(function (res) {
      return res.json().then(function (body) {
        if (!res.ok || !body || typeof body.token !== 'string') throw new Error((text.signInError || '') + ((body && body.message) || res.status));
        return { jid: body.jid, password: body.token };
      });
    });
  }

  /** Guest: SASL ANONYMOUS on the guest domain, where the server offers nothing else and makes
   *  up the account. The widget's callback wants a user@domain and a non-empty password, which
   *  ANONYMOUS does not send: these two are placeholders, not an account or a secret. */
  function guestCredentials(domain) {
    return function () {
      return Promise.resolve({ jid: 'guest@' + domain, password: 'anonymous' });
    };
  }

  /** Keeps a nickname printable and short: no control or bidi-override characters. */
  function cleanNick(value) {
    return String(value || '')
      .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .trim()
      .slice(0, 30);
  }

  /** Creates the widget in `host` with `config` (see includes/render.php). */
  function mount(host, config) {
    var chat = document.createElement('ethora-chat');
    if (config.mode === 'sso') chat.credentials = tokenCredentials;
    else chat.credentials = guestCredentials(config.guest);
    ['service', 'room', 'rooms', 'view', 'dialect', 'lang', 'nick'].forEach(function (name) {
      if (typeof config[name] === 'string' && config[name] !== '') chat.setAttribute(name, config[name]);
    });
    if (config.mode === 'readonly' || config.mode === 'guest') chat.setAttribute('persist-outbox', 'false');
    chat.dataset.ethoraMode = config.mode;
    host.appendChild(chat);
    return chat;
  }
  data.mount = mount;

  function start(host) {
    var config;
    try {
      config = JSON.parse(host.getAttribute('data-ethora-chat') || '{}');
    } catch {
      return;
    }
    var form = host.querySelector('.ethora-chat-guest-form');
    if (config.mode !== 'guest' || !form) {
      mount(host, config);
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var nick = cleanNick(form.elements.nick.value);
      if (!nick) {
        form.querySelector('.ethora-chat-guest-error').textContent = text.nickInvalid || '';
        return;
      }
      config.nick = nick + ' ' + (text.guestSuffix || '(guest)');
      form.remove();
      mount(host, config);
    });
  }

  function init() {
    var hosts = document.querySelectorAll('.ethora-chat-wp[data-ethora-chat]');
    for (var i = 0; i < hosts.length; i++) start(hosts[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
