/* Settings → Ethora Chat: "Test connection" sends the form's current values (saved or not)
 * to admin-ajax (nonce + manage_options checked there) and shows the answer as text. */
(function () {
  'use strict';
  var button = document.getElementById('ethora-chat-test');
  var out = document.getElementById('ethora-chat-test-result');
  var cfg = window.ethoraChatAdmin;
  if (!button || !out || !cfg) return;
  function value(key) {
    var el = document.getElementById('ethora-chat-' + key);
    return el ? el.value : '';
  }
  button.addEventListener('click', function () {
    var body = new URLSearchParams({
      action: 'ethora_chat_test_connection',
      _ajax_nonce: cfg.nonce,
      service: value('service'),
      domain: value('domain'),
      guest_domain: value('guest_domain'),
      guest_mode: value('guest_mode'),
    });
    button.disabled = true;
    out.className = '';
    out.textContent = cfg.testing;
    fetch(cfg.ajax, { method: 'POST', credentials: 'same-origin', body: body })
      .then(function (res) {
        return res.json();
      })
      .then(function (r) {
        out.className = r && r.success ? 'ethora-chat-ok' : 'ethora-chat-error';
        out.textContent = (r && r.data && r.data.message) || cfg.failed;
      })
      .catch(function () {
        out.className = 'ethora-chat-error';
        out.textContent = cfg.failed;
      })
      .then(function () {
        button.disabled = false;
      });
  });
})();
