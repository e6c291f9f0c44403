/*
 * When the token expires (or is revoked) the console keeps its state and asks for the password
 * again: the alarm socket closed with 4401, or an API call answered 401. After a successful login
 * as the same user the alarm stream reconnects from the last alarm seen (nothing missed); another
 * user gets a fresh page. The alarm stream does not retry while the prompt is shown.
 */
(function () {
  const BG = window.BG;
  const $ = (id) => document.getElementById(id);
  const S = BG.session = { prompts: 0, relogins: 0, open: false };

  /** Shows the login prompt (once, however many calls fail meanwhile). */
  S.expired = function (reason) {
    if (!BG.ready) { BG.logout(); return; } // not started yet: the ordinary login form
    if (S.open) { return; }
    S.open = true;
    S.prompts++;
    BG.api.token = null;
    sessionStorage.removeItem('bg.token');
    if (BG.alarms) { BG.alarms.close(); BG.alarms.state(false); }
    const st = $('ws-state');
    st.className = 'ws-off';
    st.dataset.i18n = 'sessionExpired';
    st.textContent = BG.t('sessionExpired');
    $('relogin-user').value = BG.api.user || '';
    $('relogin-pass').value = '';
    $('relogin-error').textContent = reason ? BG.t('sessionExpiredWhy', { why: reason }) : '';
    $('relogin').hidden = false;
    $('relogin-pass').focus();
  };

  S.submit = async function (e) {
    e.preventDefault();
    const user = $('relogin-user').value;
    const before = BG.api.user;
    try {
      await BG.api.login(user, $('relogin-pass').value);
    } catch (err) {
      $('relogin-error').textContent = err.message;
      return;
    }
    S.open = false;
    $('relogin').hidden = true;
    if (before && user !== before) { location.reload(); return; }
    S.relogins++;
    if (BG.alarms) { BG.alarms.retry = 1000; BG.alarms.connect(); }
  };

  window.addEventListener('DOMContentLoaded', () => {
    $('relogin').onsubmit = S.submit;
    $('relogin-logout').onclick = () => { S.open = false; BG.logout(); };
  });
})();
