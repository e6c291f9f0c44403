/*
 * Live alarms: the newest 100 from REST, then the WebSocket stream from the highest id seen
 * (reconnecting with ?since= after a drop, so nothing is missed and nothing repeated; the token
 * goes in the socket's first message, never in the URL). The server brackets what it replays:
 * {"event":"catch-up","count"} ... {"event":"live"}; replayed alarms are listed (a banner counts
 * them) but neither beep nor move the map. Live alarms beep (at most one beep per BEEP_GAP_MS)
 * and move the map only when "follow" is on and no replay is playing. A close with 4401 (the
 * token expired or was revoked) asks for the password again (BG.session) instead of retrying.
 * Changes made on any console ({"event":"update","alert"}) update the list at once; after a
 * reconnect the list is read again, for changes made meanwhile. A canvas marker per alarm, a
 * list with acknowledge / dispatch / outcome, filters (type, outcome, area: map view or the area
 * drawn / stations picked on the "who passed" tab) and keyboard
 * shortcuts (BG.help lists them), and the alarmed bike's path (where it came from, solid;
 * likely next stations, dashed).
 */
(function () {
  const BG = window.BG;
  const COLORS = { stolen: '#c53030', clone: '#805ad5', tamper: '#dd6b20', silent: '#2b6cb0' };
  const BEEP_GAP_MS = 1500;
  const A = BG.alarms = {
    list: [], byId: new Map(), lastId: null, ws: null, retry: 1000, received: 0,
    beeps: 0, pans: 0, missed: 0, catchingUp: false, follow: false, selected: null, connects: 0, attempts: 0,
  };

  const $ = (id) => document.getElementById(id);

  A.init = async function (map) {
    A.map = map;
    A.renderer = L.canvas({ padding: 0.2 });
    A.layer = L.layerGroup().addTo(map);
    A.pathLayer = L.layerGroup().addTo(map);
    A.wire();
    A.initAudio();
    try {
      const r = await BG.api.get('/api/v1/alerts?limit=100');
      r.alerts.forEach(a => A.add(a, false));
      // none yet: catch up from the start, so that alarms raised before the socket is ready are not missed
      if (A.lastId == null) { A.lastId = 0; }
    } catch (e) { console.warn('alarm list', e); }
    A.connect();
    BG.onLang = (BG.onLang || []).concat([A.renderList]);
    map.on('moveend', () => { if ($('alarm-filter-area').value === 'view') { A.applyFilter(); } });
  };

  A.wire = function () {
    $('alarm-follow').onchange = (e) => { A.follow = e.target.checked; };
    ['alarm-filter-type', 'alarm-filter-outcome', 'alarm-filter-area'].forEach(id => { $(id).onchange = A.applyFilter; });
    $('alarm-missed').onclick = () => { A.missed = 0; $('alarm-missed').hidden = true; };
    document.addEventListener('keydown', A.onKey);
  };

  A.connect = function () {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const since = A.lastId == null ? '' : '?since=' + A.lastId;
    A.attempts++;
    const ws = A.ws = new WebSocket(proto + '://' + location.host + '/api/v1/alerts/stream' + since);
    A.ready = false;
    A.catchingUp = true; // until the server says what follows is live
    ws.onopen = () => { ws.send(JSON.stringify({ token: BG.api.token })); };
    ws.onmessage = (m) => {
      const o = JSON.parse(m.data);
      if (o.event === 'ready') { // signed in; the catch-up (if any) follows, then 'live'
        A.retry = 1000; A.state(true);
        if (A.connects++ > 0) { A.refresh(); } // changes made while this console was away
        return;
      }
      if (o.event === 'catch-up') { A.catchingUp = true; return; }
      if (o.event === 'live') { A.catchingUp = false; A.ready = true; return; } // what follows is live
      if (o.event === 'update') { A.update(o.alert); return; }
      if (o.id == null) { return; } // other control messages
      A.received++;
      if (A.catchingUp) { A.missedOne(); }
      A.add(o, !A.catchingUp);
    };
    ws.onclose = (e) => {
      A.state(false);
      A.ready = false;
      if (A.ws !== ws) { return; }
      if (e.code === 4401) { // expired or revoked: ask for the password, then reconnect from where we were
        A.ws = null;
        if (BG.session) { BG.session.expired(e.reason); } else { BG.logout(); }
        return;
      }
      if (e.code === 4403) { return; }
      if (BG.api.token) { setTimeout(A.connect, A.retry); A.retry = Math.min(A.retry * 2, 15000); }
    };
  };

  A.close = function () { const ws = A.ws; A.ws = null; if (ws) { ws.close(); } };

  /** Reads the newest alarms again and takes their handling (status, outcome) over. */
  A.refresh = async function () {
    try {
      const r = await BG.api.get('/api/v1/alerts?limit=200');
      r.alerts.forEach(a => (A.byId.has(a.id) ? A.update(a) : A.add(a, false)));
    } catch (e) { console.warn('alarm refresh', e); }
  };

  A.missedOne = function () {
    A.missed++;
    const el = $('alarm-missed');
    el.textContent = BG.t('missedWhileOffline', { n: A.missed });
    el.hidden = false;
  };

  A.state = function (on) {
    const el = $('ws-state');
    el.className = on ? 'ws-on' : 'ws-off';
    el.dataset.i18n = on ? 'wsOnline' : 'wsOffline';
    el.textContent = BG.t(el.dataset.i18n);
  };

  A.add = function (a, live) {
    if (A.byId.has(a.id)) { return; }
    A.byId.set(a.id, a);
    A.list.push(a);
    A.list.sort((x, y) => y.id - x.id);
    A.lastId = Math.max(A.lastId == null ? 0 : A.lastId, a.id);
    a.marker = L.circleMarker([a.lat, a.lon], { renderer: A.renderer, radius: 8, color: '#fff', weight: 2,
      fillColor: COLORS[a.type] || '#c53030', fillOpacity: 0.9 });
    if (A.matches(a)) { a.marker.addTo(A.layer); }
    a.marker.on('click', () => A.focus(a.id, false));
    if (live) {
      if ($('alarm-sound').checked) { A.beep(a.type); }
      if (A.follow && !(BG.replay && BG.replay.playing)) { A.focus(a.id, true); }
      else if (A.focused == null) { A.focus(a.id, false); } // its path, without moving the map
    }
    A.renderList(live ? a.id : null);
  };

  /** Another console changed an alarm (or this one did): take the new row over. */
  A.update = function (row) {
    const a = A.byId.get(row.id);
    if (!a) { return; }
    ['status', 'ackedBy', 'ackedAt', 'dispatchedBy', 'dispatchedAt', 'dispatchNote',
      'outcome', 'outcomeBy', 'outcomeAt', 'outcomeNote', 'companions'].forEach(k => { if (k in row) { a[k] = row[k]; } });
    A.applyFilter();
    if ('companions' in row && A.focused === a.id) { A.popup(a, false); } // they follow the alarm
  };

  /** Whether an alarm passes the filters (type, outcome, in the map view). */
  A.matches = function (a) {
    const type = $('alarm-filter-type').value;
    const outcome = $('alarm-filter-outcome').value;
    if (type && a.type !== type) { return false; }
    if (outcome === 'open' && a.outcome) { return false; }
    if (outcome && outcome !== 'open' && a.outcome !== outcome) { return false; }
    const area = $('alarm-filter-area').value;
    if (area === 'view' && A.map && !A.map.getBounds().contains([a.lat, a.lon])) { return false; }
    if (area === 'drawn' && !A.inDrawnArea(a)) { return false; }
    return true;
  };

  /** In the area drawn on the "who passed" tab (rectangle or polygon), or at one of its picked stations. */
  A.inDrawnArea = function (a) {
    const D = BG.drawing;
    if (D && D.shape) {
      const ring = D.shape.coordinates[0];
      let inside = false; // ray casting, lon/lat as plane coordinates (city scale)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if ((yi > a.lat) !== (yj > a.lat) && a.lon < (xj - xi) * (a.lat - yi) / (yj - yi) + xi) { inside = !inside; }
      }
      return inside;
    }
    const picked = BG.stations && BG.stations.selected;
    return !!picked && picked.has(a.station);
  };

  A.visible = function () { return A.list.filter(A.matches); };

  A.applyFilter = function () {
    A.list.forEach(a => {
      const on = A.matches(a);
      if (on && !A.layer.hasLayer(a.marker)) { a.marker.addTo(A.layer); }
      if (!on && A.layer.hasLayer(a.marker)) { A.layer.removeLayer(a.marker); }
    });
    A.renderList();
  };

  A.renderList = function (freshId) {
    const ol = $('alarm-list');
    const visible = A.visible();
    const shown = visible.slice(0, 200);
    ol.innerHTML = shown.map(a => {
      const status = a.status && a.status !== 'new' ? ' · ' + BG.t(a.status) : '';
      const outcome = a.outcome ? ' · <b class="outcome">' + BG.esc(BG.t('outcome_' + a.outcome)) + '</b> '
        + '<span class="muted">' + BG.esc(a.outcomeBy || '') + ' ' + BG.esc(BG.fmt(a.outcomeAt)) + '</span>' : '';
      return '<li data-id="' + a.id + '" class="t-' + a.type + (a.status && a.status !== 'new' ? ' done' : '')
        + (a.id === freshId ? ' fresh' : '') + (a.id === A.selected ? ' sel' : '') + '"><span class="kind">'
        + BG.esc(BG.t(a.type)) + '</span>'
        + BG.esc(a.plate || a.tag) + (a.plate ? ' <span class="muted">' + BG.esc(a.tag) + '</span>' : '')
        + (a.caseNo ? ' <span class="muted">' + BG.esc(a.caseNo) + '</span>' : '')
        + '<br>' + BG.esc(a.station) + ' · ' + BG.esc(BG.fmt(a.at)) + BG.esc(status) + outcome
        + '<div class="actions"><button data-act="ack">' + BG.t('ack') + '</button><button data-act="dispatch">'
        + BG.t('dispatch') + '</button><button data-act="intercepted">' + BG.t('outcome_intercepted')
        + '</button><button data-act="false_alarm">' + BG.t('outcome_false_alarm') + '</button><button data-act="replay">'
        + BG.t('replay') + '</button></div></li>';
    }).join('');
    $('alarm-count').textContent = (visible.length === A.list.length ? '' : visible.length + ' / ')
      + A.list.length + ' ' + BG.t('alarms');
  };

  A.onListClick = async function (e) {
    const li = e.target.closest('li[data-id]');
    if (!li) { return; }
    const a = A.byId.get(Number(li.dataset.id));
    const act = e.target.dataset.act;
    if (act === 'replay') { BG.replay.fromAlarm(a); return; }
    if (act) { await A.act(a, act); }
    A.select(a.id);
    A.focus(a.id, true);
  };

  /** Acknowledge, dispatch (asks for a note) or an outcome; the server pushes the change to every console. */
  A.act = async function (a, act) {
    try {
      let row;
      if (act === 'ack') {
        row = await BG.api.post('/api/v1/alerts/' + a.id + '/ack');
      } else if (act === 'dispatch') {
        const note = prompt(BG.t('dispatchNote')) || undefined;
        row = await BG.api.post('/api/v1/alerts/' + a.id + '/dispatch', note ? { note } : {});
      } else if (act === 'intercepted' || act === 'false_alarm') {
        row = await BG.api.post('/api/v1/alerts/' + a.id + '/outcome', { outcome: act });
      }
      if (row) { A.update(row); }
    } catch (err) { alert(err.message); }
  };

  A.select = function (id) {
    A.selected = id;
    document.querySelectorAll('#alarm-list li.sel').forEach(li => li.classList.remove('sel'));
    const li = document.querySelector('#alarm-list li[data-id="' + id + '"]');
    if (li) { li.classList.add('sel'); li.scrollIntoView({ block: 'nearest' }); }
  };

  /** Keyboard shortcuts (not while typing in a field); BG.help lists them. */
  A.onKey = function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) { return; }
    if (!BG.ready || !$('relogin').hidden) { return; }
    const visible = A.visible();
    const at = visible.findIndex(a => a.id === A.selected);
    const cur = at >= 0 ? visible[at] : null;
    const k = e.key;
    if (k === 'j' || k === 'ArrowDown' || k === 'k' || k === 'ArrowUp') {
      if (!visible.length) { return; }
      const next = (k === 'j' || k === 'ArrowDown') ? Math.min(at + 1, visible.length - 1) : Math.max(at - 1, 0);
      BG.showTab('alarms');
      A.select(visible[next].id);
      A.focus(visible[next].id, true);
    } else if (k === 'Enter' && cur) {
      A.focus(cur.id, true);
    } else if (k === 'a' && cur) {
      A.act(cur, 'ack');
    } else if (k === 'd' && cur) {
      A.act(cur, 'dispatch');
    } else if (k === 'i' && cur) {
      A.act(cur, 'intercepted');
    } else if (k === 'x' && cur) {
      A.act(cur, 'false_alarm');
    } else if (k === 'r' && cur) {
      BG.replay.fromAlarm(cur);
    } else if (k === 'f') {
      const box = $('alarm-follow'); box.checked = !box.checked; A.follow = box.checked;
    } else if (k === 'm') {
      const box = $('alarm-sound'); box.checked = !box.checked;
    } else if (k === '?') {
      BG.help.toggle();
    } else if (k === 'Escape') {
      BG.help.toggle(false);
    } else {
      return;
    }
    e.preventDefault();
  };

  /** Shows the alarm's path: recent stays (solid), the alarm's station, likely next (dashed); pan: move the map there. */
  A.focus = function (id, pan) {
    const a = A.byId.get(id);
    if (!a) { return; }
    A.focused = id;
    A.pathLayer.clearLayers();
    const pts = (a.recent || []).map(r => [r.lat, r.lon]).filter(p => p[0] || p[1]);
    const last = pts[pts.length - 1];
    if (!last || last[0] !== a.lat || last[1] !== a.lon) { pts.push([a.lat, a.lon]); }
    const color = COLORS[a.type] || '#c53030';
    if (pts.length > 1) { L.polyline(pts, { color, weight: 4, opacity: 0.8 }).addTo(A.pathLayer); }
    (a.recent || []).forEach(r => L.circleMarker([r.lat, r.lon], { radius: 4, color }).bindTooltip(r.station + ' '
      + BG.fmt(r.firstSeen)).addTo(A.pathLayer));
    (a.likelyNext || []).forEach(n => {
      L.polyline([[a.lat, a.lon], [n.lat, n.lon]], { color, weight: 2, dashArray: '6 6' }).addTo(A.pathLayer);
      L.circleMarker([n.lat, n.lon], { radius: 5, color, fillOpacity: 0.2 })
        .bindTooltip(BG.t('likelyNext') + ': ' + n.station + ' (' + Math.round(n.share * 100) + '%)').addTo(A.pathLayer);
    });
    if (pan !== false) { A.pans++; A.map.panTo([a.lat, a.lon]); }
    A.popup(a, pan);
  };

  /** The alarm's detail on its marker; a stolen alarm's companions (stored with it, or pushed a moment after it). */
  A.popup = function (a, pan) {
    let companions = '';
    const pending = a.companions === undefined && Date.now() - Date.parse(a.raisedAt) < 60000;
    if (a.type === 'stolen' && (a.companions !== undefined || pending)) {
      const list = a.companions;
      companions = '<div class="alarm-companions"><b>' + BG.esc(BG.t('alarmCompanions')) + '</b> '
        + (list === undefined ? BG.esc(BG.t('alarmCompanionsPending'))
          : !list || !list.length ? BG.esc(BG.t('alarmCompanionsNone'))
            : '<ul>' + list.map(c => '<li>' + BG.esc(c.plate || c.tag) + (c.plate ? ' <span class="muted">'
              + BG.esc(c.tag) + '</span>' : '') + ' · ' + c.stations + ' ' + BG.esc(BG.t('stations')) + ' · '
              + BG.esc(String(c.score)) + '</li>').join('') + '</ul>') + '</div>';
    }
    a.marker.bindPopup('<b>' + BG.esc(BG.t(a.type)) + '</b> ' + BG.esc(a.plate || '') + '<br>' + BG.esc(a.tag) + ' @ '
      + BG.esc(a.station) + '<br>' + BG.esc(BG.fmt(a.at)) + companions, { autoPan: pan !== false });
    if (A.layer.hasLayer(a.marker)) { a.marker.openPopup(); }
  };

  /**
   * Browsers start audio only after a user gesture: after a reload the context is suspended, so
   * a banner says sound is off until the first click or key, which resumes it.
   */
  A.initAudio = function () {
    try {
      A.audio = new (window.AudioContext || window.webkitAudioContext)();
    } catch (e) { A.audio = null; return; }
    const resume = () => {
      if (!A.audio || A.audio.state === 'running') { A.checkAudio(); return; }
      A.audio.resume().then(A.checkAudio, A.checkAudio);
    };
    ['pointerdown', 'keydown'].forEach(t => document.addEventListener(t, resume, true));
    A.audio.onstatechange = A.checkAudio;
    A.checkAudio();
  };

  /** Shows the "sound is off" banner while the audio context is not running. */
  A.checkAudio = function () {
    const off = !A.audio || A.audio.state !== 'running';
    $('sound-off').hidden = !off;
  };

  /** A short two-tone beep (WebAudio; no sound file needed); at most one per BEEP_GAP_MS. */
  A.beep = function (type) {
    const now = performance.now();
    if (A.lastBeep && now - A.lastBeep < BEEP_GAP_MS) { return; }
    A.lastBeep = now;
    A.beeps++;
    try {
      const ctx = A.audio;
      if (!ctx || ctx.state !== 'running') { return; }
      [0, 0.25].forEach((t, i) => {
        const o = ctx.createOscillator(), g = ctx.createGain();
        o.frequency.value = type === 'stolen' ? (i ? 660 : 880) : 520;
        g.gain.setValueAtTime(0.2, ctx.currentTime + t);
        g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + t + 0.2);
        o.connect(g).connect(ctx.destination);
        o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.22);
      });
    } catch (e) { /* no audio device */ }
  };
})();
