/* The installation counter: log in (installer or admin), pick the point, then register owner,
   bike and tag; replace a tag; print the certificate PDF; the day's appointments. The token is
   kept in sessionStorage; every action is a call of the JSON API. */
(function () {
  const BG = window.BG;
  const $ = (id) => document.getElementById(id);
  const app = BG.inst = { token: sessionStorage.getItem('bg.inst.token'), user: sessionStorage.getItem('bg.inst.user'),
    points: [], view: 'register', owner: null, tagBike: null, printBike: null, last: {} };
  const api = (method, path, body) => BG.call(method, path, body, app.token).catch(e => {
    if (e.status === 401) { logout(); }
    throw e;
  });

  /** A message element set from a key (kept so that a language switch re-renders it). */
  function say(id, key, vars, ok) { app.last[id] = { key, vars, ok }; paint(id); }
  function paint(id) {
    const m = app.last[id];
    const el = $(id);
    if (!el || !m) { return; }
    el.textContent = BG.t(m.key, m.vars);
    el.className = m.ok ? 'ok' : 'error';
  }
  const fail = (id) => (e) => say(id, 'failed', { m: e.message });

  /** Today in Asia/Shanghai as yyyy-MM-dd (the registry's calendar). */
  app.today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  function showLogin() { $('login').hidden = false; $('app').hidden = true; $('logout').hidden = true; $('who').textContent = ''; }

  async function start() {
    try {
      const me = await api('GET', '/api/v1/auth/me');
      if (me.role !== 'installer' && me.role !== 'admin') { throw new Error(BG.t('notInstaller')); }
      app.points = await api('GET', '/api/v1/installation-points');
    } catch (e) { showLogin(); return; }
    $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false; $('who').textContent = app.user || '';
    const sel = $('point');
    sel.innerHTML = app.points.length ? app.points.map(p => '<option value="' + BG.esc(p.id) + '">' + BG.esc(p.id + ' ' + (p.name || '')) + '</option>').join('')
      : '<option value="">' + BG.esc(BG.t('noPoints')) + '</option>';
    const saved = localStorage.getItem('bg.inst.point');
    if (saved && app.points.some(p => p.id === saved)) { sel.value = saved; }
    $('ap-day').value = app.today();
    $('b-date').max = app.today();
    show(app.view);
    app.ready = true;
  }

  async function login(ev) {
    ev.preventDefault();
    $('login-err').textContent = '';
    try {
      const r = await BG.call('POST', '/api/v1/auth/token', { username: $('login-user').value.trim(), password: $('login-pass').value });
      if (r.role !== 'installer' && r.role !== 'admin') { throw new Error(BG.t('notInstaller')); }
      app.token = r.token; app.user = $('login-user').value.trim();
      sessionStorage.setItem('bg.inst.token', app.token); sessionStorage.setItem('bg.inst.user', app.user);
      $('login-pass').value = '';
      await start();
    } catch (e) { $('login-err').textContent = e.message; }
  }

  function logout() {
    const t = app.token;
    app.token = null; app.ready = false;
    sessionStorage.removeItem('bg.inst.token');
    if (t) { BG.call('POST', '/api/v1/auth/logout', undefined, t).catch(() => {}); }
    showLogin();
  }

  function show(view) {
    app.view = view;
    document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'v-' + view; });
    document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.view === view));
    if (view === 'appointments') { loadAppointments(); }
    if (view === 'tag') { loadTagRequests(); }
  }

  // --- register owner, bike and tag ---
  async function findOwner() {
    app.owner = null; $('o-found').textContent = ''; delete app.last['o-found'];
    const phone = $('o-phone').value.trim();
    if (!phone) { return; }
    try {
      const found = await api('GET', '/api/v1/owners?phone=' + encodeURIComponent(phone));
      app.owner = found.length ? found[0] : null;
      $('o-new').hidden = !!app.owner;
      if (app.owner) { say('o-found', 'ownerFound', { name: app.owner.name, id: app.owner.id }, true); }
      app.ownerLooked = phone;
    } catch (e) { fail('o-found')(e); }
  }

  async function register(ev) {
    ev.preventDefault();
    const phone = $('o-phone').value.trim();
    if (app.ownerLooked !== phone) { await findOwner(); }
    try {
      let ownerId = app.owner && app.owner.id;
      if (!ownerId) {
        const o = await api('POST', '/api/v1/owners', { name: $('o-name').value.trim(), idNumber: $('o-id').value.trim(), phone,
          password: $('o-pass').value, address: $('o-addr').value.trim(), residence: $('o-res').value });
        ownerId = o.id;
        app.owner = { id: ownerId, name: $('o-name').value.trim() };
        app.ownerLooked = phone;
        $('o-new').hidden = true;
        say('o-found', 'ownerFound', { name: app.owner.name, id: ownerId }, true);
      }
      const price = $('b-price').value ? Math.round(Number($('b-price').value) * 100) : 0;
      const b = await api('POST', '/api/v1/bikes', { ownerId, tag: $('b-tag').value.trim(), plate: $('b-plate').value.trim(),
        frameNo: $('b-frame').value.trim(), motorNo: $('b-motor').value.trim(), brand: $('b-brand').value.trim(),
        model: $('b-model').value.trim(), colour: $('b-colour').value.trim(), purchaseDate: $('b-date').value,
        purchasePriceFen: price, installationPoint: $('point').value || undefined });
      const bike = await api('GET', '/api/v1/bikes/' + b.id);
      app.registered = bike;
      say('reg-msg', 'registered', { id: bike.id, code: bike.certificateCode }, true);
      app.printBike = bike;
    } catch (e) { fail('reg-msg')(e); }
  }

  // --- replacement tag ---
  async function findBike(plate) {
    const l = await api('GET', '/api/v1/bikes?plate=' + encodeURIComponent(plate));
    return l.length ? l[0] : null;
  }
  function bikeBox(b) {
    return '<div class="bikebox">' + BG.esc(BG.t('bikeLine', { plate: b.plate, brand: [b.brand, b.model, b.colour].filter(Boolean).join(' ') || '—',
      tag: b.tag || '—', status: BG.t('status_' + b.status) })) + '</div>';
  }
  function paintBikes() {
    $('tag-bike').innerHTML = app.tagBike ? bikeBox(app.tagBike) : '';
    $('print-bike').innerHTML = app.printBike && app.view === 'print' ? bikeBox(app.printBike) : '';
  }
  async function tagFind(ev) {
    ev.preventDefault();
    delete app.last['tag-msg']; $('tag-msg').textContent = '';
    try {
      app.tagBike = await findBike($('tag-plate').value.trim());
      $('tag-form').hidden = !app.tagBike;
      if (!app.tagBike) { say('tag-msg', 'noBike'); }
      paintBikes();
    } catch (e) { fail('tag-msg')(e); }
  }
  async function tagFit(ev) {
    ev.preventDefault();
    try {
      app.tagBike = await api('POST', '/api/v1/bikes/' + app.tagBike.id + '/tag', { tag: $('tag-new').value.trim() });
      say('tag-msg', 'tagFitted', { tag: app.tagBike.tag }, true);
      paintBikes();
      loadTagRequests();
    } catch (e) { fail('tag-msg')(e); }
  }
  async function loadTagRequests() {
    try {
      const l = (await api('GET', '/api/v1/requests?status=pending')).filter(r => r.kind === 'tag');
      app.tagRequests = l;
      paintTagRequests();
    } catch (e) { fail('tag-msg')(e); }
  }
  function paintTagRequests() {
    const l = app.tagRequests || [];
    $('tag-requests').innerHTML = l.length ? l.map(r => '<li>' + BG.esc(BG.t('requestLine', { id: r.id, bike: r.bikeId, reason: r.reason || '' })) + '</li>').join('')
      : '<li class="empty">' + BG.esc(BG.t('noTagRequests')) + '</li>';
  }

  // --- print the certificate ---
  async function printFind(ev) {
    ev.preventDefault();
    delete app.last['print-msg']; $('print-msg').textContent = '';
    try {
      $('print-open').hidden = true;
      app.printBike = await findBike($('print-plate').value.trim());
      if (!app.printBike) { say('print-msg', 'noBike'); }
      $('print-go').hidden = !app.printBike;
      paintBikes();
    } catch (e) { fail('print-msg')(e); }
  }
  async function print() {
    try {
      const r = await fetch('/api/v1/bikes/' + app.printBike.id + '/certificate.pdf', { headers: { Authorization: 'Bearer ' + app.token } });
      if (!r.ok) { const j = await r.json().catch(() => ({})); throw new Error(j.message || String(r.status)); }
      const blob = await r.blob();
      app.lastPdf = { type: blob.type, size: blob.size };
      if (app.pdfUrl) { URL.revokeObjectURL(app.pdfUrl); }
      app.pdfUrl = URL.createObjectURL(blob);
      const a = $('print-open');
      a.href = app.pdfUrl;
      a.download = 'certificate-' + app.printBike.plate + '.pdf';
      a.hidden = false;
      say('print-msg', 'printed', { kb: Math.round(blob.size / 1024) }, true);
    } catch (e) { fail('print-msg')(e); }
  }

  // --- the day's appointments ---
  async function loadAppointments() {
    const point = $('point').value;
    const day = $('ap-day').value || app.today();
    if (!point) { app.appointments = []; paintAppointments(); return; }
    try {
      app.appointments = await api('GET', '/api/v1/installation-points/' + encodeURIComponent(point) + '/appointments?day=' + day);
      paintAppointments();
    } catch (e) { fail('ap-summary')(e); }
  }
  function paintAppointments() {
    const l = app.appointments || [];
    const p = app.points.find(x => x.id === $('point').value);
    $('ap-summary').textContent = BG.t('apSummary', { n: l.filter(a => a.status !== 'cancelled').length, cap: p ? p.dailyCapacity : '—' });
    $('ap-summary').className = 'hint';
    $('ap-list').innerHTML = l.map(a => '<li><span>' + BG.esc(BG.t('apLine', { id: a.id, owner: a.ownerId, note: a.note || '' }))
      + '</span><span>' + BG.esc(BG.t('status_' + a.status)) + '</span></li>').join('');
    $('ap-empty').hidden = l.length > 0;
  }

  function repaint() {
    Object.keys(app.last).forEach(paint);
    if (app.ready) { paintBikes(); paintTagRequests(); if (app.appointments) { paintAppointments(); } }
  }

  document.addEventListener('DOMContentLoaded', () => {
    BG.onLang.push(repaint);
    $('login').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => show(b.dataset.view)));
    $('point').addEventListener('change', () => { localStorage.setItem('bg.inst.point', $('point').value); if (app.view === 'appointments') { loadAppointments(); } });
    $('o-find').addEventListener('click', findOwner);
    $('v-register').addEventListener('submit', register);
    $('tag-find-form').addEventListener('submit', tagFind);
    $('tag-form').addEventListener('submit', tagFit);
    $('print-form').addEventListener('submit', printFind);
    $('print-go').addEventListener('click', print);
    $('ap-load').addEventListener('click', loadAppointments);
    $('ap-day').addEventListener('change', loadAppointments);
    if (app.token) { start(); } else { showLogin(); }
  });
})();
