/*
 * Live alarms: the newest 100 from REST, then the WebSocket stream from the highest id seen
 * (reconnecting with ?since= after a drop, so nothing is missed and nothing repeated; the token
 * goes in the socket's first message, never in the URL; a close with 4401 means the token expired
 * or was revoked: sign in again), a canvas
 * marker per alarm, a list with acknowledge/dispatch, a beep, and the alarmed bike's path
 * (where it came from, solid; likely next stations, dashed).
 */
(function () {
  const BG = window.BG;
  const COLORS = { stolen: '#c53030', clone: '#805ad5', tamper: '#dd6b20', silent: '#2b6cb0' };
  const A = BG.alarms = { list: [], byId: new Map(), lastId: null, ws: null, retry: 1000, received: 0 };

  A.init = async function (map) {
    A.map = map;
    A.renderer = L.canvas({ padding: 0.2 });
    A.layer = L.layerGroup().addTo(map);
    A.pathLayer = L.layerGroup().addTo(map);
    try {
      const r = await BG.api.get('/api/v1/alerts?limit=100');
      r.alerts.forEach(a => A.add(a, false));
      // none yet: catch up from the start, so that alarms raised before the socket is ready are not missed
      if (A.lastId == null) { A.lastId = 0; }
    } catch (e) { console.warn('alarm list', e); }
    A.connect();
    BG.onLang = (BG.onLang || []).concat([A.renderList]);
  };

  A.connect = function () {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const since = A.lastId == null ? '' : '?since=' + A.lastId;
    const ws = A.ws = new WebSocket(proto + '://' + location.host + '/api/v1/alerts/stream' + since);
    A.ready = false;
    ws.onopen = () => { ws.send(JSON.stringify({ token: BG.api.token })); };
    ws.onmessage = (m) => {
      const o = JSON.parse(m.data);
      if (o.event === 'ready') { A.ready = true; A.retry = 1000; A.state(true); return; }
      if (o.id == null) { return; } // other control messages
      A.received++;
      A.add(o, true);
    };
    ws.onclose = (e) => {
      A.state(false);
      A.ready = false;
      if (A.ws !== ws) { return; }
      if (e.code === 4401) { BG.logout(); return; } // expired or revoked: sign in again
      if (e.code === 4403) { return; }
      if (BG.api.token) { setTimeout(A.connect, A.retry); A.retry = Math.min(A.retry * 2, 15000); }
    };
  };

  A.close = function () { const ws = A.ws; A.ws = null; if (ws) { ws.close(); } };

  A.state = function (on) {
    const el = document.getElementById('ws-state');
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
      fillColor: COLORS[a.type] || '#c53030', fillOpacity: 0.9 }).addTo(A.layer);
    a.marker.on('click', () => A.focus(a.id));
    if (live) {
      if (document.getElementById('alarm-sound').checked) { A.beep(a.type); }
      A.focus(a.id);
    }
    A.renderList(live ? a.id : null);
  };

  A.renderList = function (freshId) {
    const ol = document.getElementById('alarm-list');
    const shown = A.list.slice(0, 200);
    ol.innerHTML = shown.map(a => {
      const status = a.status && a.status !== 'new' ? ' · ' + BG.t(a.status) : '';
      return '<li data-id="' + a.id + '" class="t-' + a.type + (a.status && a.status !== 'new' ? ' done' : '')
        + (a.id === freshId ? ' fresh' : '') + '"><span class="kind">' + BG.esc(BG.t(a.type)) + '</span>'
        + BG.esc(a.plate || a.tag) + (a.plate ? ' <span class="muted">' + BG.esc(a.tag) + '</span>' : '')
        + (a.caseNo ? ' <span class="muted">' + BG.esc(a.caseNo) + '</span>' : '')
        + '<br>' + BG.esc(a.station) + ' · ' + BG.esc(BG.fmt(a.at)) + BG.esc(status)
        + '<div class="actions"><button data-act="ack">' + BG.t('ack') + '</button><button data-act="dispatch">'
        + BG.t('dispatch') + '</button><button data-act="replay">' + BG.t('replay') + '</button></div></li>';
    }).join('');
    document.getElementById('alarm-count').textContent = A.list.length + ' ' + BG.t('alarms');
  };

  A.onListClick = async function (e) {
    const li = e.target.closest('li[data-id]');
    if (!li) { return; }
    const a = A.byId.get(Number(li.dataset.id));
    const act = e.target.dataset.act;
    try {
      if (act === 'ack') {
        Object.assign(a, await BG.api.post('/api/v1/alerts/' + a.id + '/ack'));
      } else if (act === 'dispatch') {
        const note = prompt(BG.t('dispatchNote')) || undefined;
        Object.assign(a, await BG.api.post('/api/v1/alerts/' + a.id + '/dispatch', note ? { note } : {}));
      } else if (act === 'replay') {
        BG.replay.fromAlarm(a);
        return;
      }
    } catch (err) { alert(err.message); }
    A.renderList();
    A.focus(a.id);
  };

  /** Shows the alarm's path: recent stays (solid), the alarm's station, likely next (dashed). */
  A.focus = function (id) {
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
    A.map.panTo([a.lat, a.lon]);
    a.marker.bindPopup('<b>' + BG.esc(BG.t(a.type)) + '</b> ' + BG.esc(a.plate || '') + '<br>' + BG.esc(a.tag) + ' @ '
      + BG.esc(a.station) + '<br>' + BG.esc(BG.fmt(a.at))).openPopup();
  };

  /** A short two-tone beep (WebAudio; no sound file needed). */
  A.beep = function (type) {
    try {
      A.audio = A.audio || new (window.AudioContext || window.webkitAudioContext)();
      const ctx = A.audio;
      [0, 0.25].forEach((t, i) => {
        const o = ctx.createOscillator(), g = ctx.createGain();
        o.frequency.value = type === 'stolen' ? (i ? 660 : 880) : 520;
        g.gain.setValueAtTime(0.2, ctx.currentTime + t);
        g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + t + 0.2);
        o.connect(g).connect(ctx.destination);
        o.start(ctx.currentTime + t); o.stop(ctx.currentTime + t + 0.22);
      });
      A.beeps = (A.beeps || 0) + 1;
    } catch (e) { /* no audio device */ }
  };
})();
