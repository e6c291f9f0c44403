'use strict';
/* The owner pages' shell: login with an SMS code, language and large-text switches, hash routing. */
(function () {
  const BG = window.BG;
  const $ = (id) => document.getElementById(id);
  let challenge = null;

  function showLogin() {
    $('login').hidden = false; $('nav').hidden = true; $('view').hidden = true; $('logout').hidden = true;
    $('loginForm').hidden = false; $('codeForm').hidden = true; $('loginError').textContent = '';
  }
  function showApp() {
    $('login').hidden = true; $('nav').hidden = false; $('view').hidden = false; $('logout').hidden = false;
    BG.render();
  }
  BG.onLoggedOut = showLogin;

  /** Renders the view named by the hash (default: my bikes). */
  BG.render = async () => {
    const [name, query] = (location.hash.slice(1) || 'bikes').split('?');
    const view = BG.views[name] || BG.views.bikes;
    document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.getAttribute('href') === '#' + name));
    const el = $('view');
    el.dataset.view = name;
    el.innerHTML = '<section class="muted">' + BG.esc(BG.t('loading')) + '</section>';
    try {
      await view(el, new URLSearchParams(query || ''));
    } catch (e) {
      if (!BG.api.token) { return; }
      el.innerHTML = '<section><p class="error">' + BG.esc(e instanceof BG.ApiError ? BG.errorText(e) : String(e)) + '</p></section>';
    }
    el.dataset.ready = name;
    if (BG.firstRenderMs === undefined) { BG.firstRenderMs = Math.round(performance.now()); } // ms since navigation
  };

  $('loginForm').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    $('loginError').textContent = '';
    try {
      const r = await BG.api.post('/api/v1/auth/sms/start', { username: f.username.value.trim(), password: f.password.value });
      challenge = r.challenge;
      $('codeSent').textContent = BG.t('codeSent', { to: r.sentTo, min: Math.round(r.expiresInS / 60) });
      f.hidden = true; $('codeForm').hidden = false; $('codeForm').code.focus();
    } catch (e) { e.login = true; $('loginError').textContent = BG.errorText(e); }
  });
  $('codeForm').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('loginError').textContent = '';
    try {
      const r = await BG.api.post('/api/v1/auth/sms/verify', { challenge, code: ev.target.code.value.trim() });
      BG.api.setToken(r.token);
      ev.target.code.value = ''; $('loginForm').password.value = '';
      showApp();
    } catch (e) {
      e.login = true;
      $('loginError').textContent = BG.errorText(e);
      const r = e.details && e.details.reason;
      if (r && r !== 'wrong') { $('codeForm').code.value = ''; }
    }
  });
  $('restart').addEventListener('click', () => { challenge = null; $('codeForm').hidden = true; $('loginForm').hidden = false; });
  $('logout').addEventListener('click', async () => {
    try { await BG.api.post('/api/v1/auth/logout'); } catch (e) { /* the token may be gone already */ }
    BG.api.setToken(null);
    showLogin();
  });
  $('lang').addEventListener('click', () => {
    BG.setLang(BG.lang === 'zh' ? 'en' : 'zh');
    applyTexts();
    if (BG.api.token) { BG.render(); }
  });
  $('bigFont').addEventListener('click', () => {
    const big = !document.documentElement.classList.contains('big');
    localStorage.setItem('owner.big', big ? '1' : '0');
    applyFont(big);
  });
  function applyFont(big) {
    document.documentElement.classList.toggle('big', big);
    $('bigFont').setAttribute('aria-pressed', String(big));
    $('bigFont').textContent = BG.t(big ? 'normalFont' : 'bigFont');
  }
  function applyTexts() {
    BG.applyI18n();
    $('lang').textContent = BG.lang === 'zh' ? 'EN' : '中文';
    applyFont(document.documentElement.classList.contains('big'));
  }
  window.addEventListener('hashchange', () => { if (BG.api.token) { BG.render(); } });

  document.documentElement.classList.toggle('big', localStorage.getItem('owner.big') === '1');
  applyTexts();
  if (BG.api.token) { showApp(); } else { showLogin(); }
})();
