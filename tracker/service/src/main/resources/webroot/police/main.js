/* Start-up: login, the map (offline base layer from the city model, optional tiles), stations, tabs. */
(function () {
  const BG = window.BG;

  BG.showTab = function (name) {
    document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('active', b.dataset.tab === name));
    document.querySelectorAll('.tab').forEach(s => { s.hidden = s.id !== 'tab-' + name; });
    if (name === 'found' && BG.found) { BG.found.load(); }
  };

  /** Forgets the token; with revoke, first asks the tracker to revoke it (the logout button). */
  BG.logout = async function (revoke) {
    const token = BG.api.token;
    sessionStorage.removeItem('bg.token');
    BG.api.token = null;
    if (BG.alarms) { BG.alarms.close(); }
    if (revoke === true && token) {
      try {
        await fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
      } catch (e) { /* the token expires anyway */ }
    }
    location.reload();
  };

  async function baseLayer(map) {
    try {
      const cfg = await BG.api.get('/api/v1/map/config');
      if (cfg && cfg.tileUrl) {
        L.tileLayer(cfg.tileUrl, { maxZoom: 19, attribution: cfg.tileAttribution || '' }).addTo(map);
      }
    } catch (e) { console.warn('map config', e); }
    const base = await BG.api.get('/api/v1/map/base');
    if (!base.features || !base.features.length) { return null; }
    // below the stations and alarms: its own pane between the tiles (200) and the overlays (400)
    map.createPane('base').style.zIndex = 250;
    const renderer = L.canvas({ padding: 0.5, pane: 'base' });
    const rank = f => (/Polygon/.test(f.geometry.type) ? 0 : f.geometry.type === 'Point' ? 2 : 1);
    base.features.sort((a, b) => rank(a) - rank(b));
    // the simulator's city model: layer road (class arterial/local/bridge), river, district, installation_point
    const layer = L.geoJSON(base, {
      renderer,
      interactive: false,
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { renderer, radius: 3, color: '#2f855a', weight: 1, fillOpacity: 0.6 }),
      style: f => {
        const p = f.properties || {};
        const kind = p.class || p.kind || p.type || '';
        if (p.layer === 'river') { return { stroke: false, fillColor: '#90cdf4', fillOpacity: 0.7 }; }
        if (/Polygon/.test(f.geometry.type)) { return { color: '#a0aec0', weight: 1, dashArray: '4 4', fillColor: '#edf2f7', fillOpacity: 0.3 }; }
        const major = /arterial|bridge|primary|main|trunk/.test(kind);
        return { color: major ? '#f6ad55' : '#cbd5e0', weight: major ? 4 : 2, opacity: 0.9 };
      },
    }).addTo(map);
    return layer;
  }

  async function start() {
    document.getElementById('login').hidden = true;
    document.getElementById('app').hidden = false;
    document.getElementById('logout').hidden = false;
    document.getElementById('whoami').textContent = BG.api.user || '';
    const map = BG.map = L.map('map', { preferCanvas: true, zoomControl: true, doubleClickZoom: true }).setView([26.89, 112.57], 13);
    L.control.scale({ imperial: false }).addTo(map);
    const stations = await BG.api.get('/api/v1/stations');
    BG.stations = new BG.StationLayer(stations).addTo(map);
    const base = await baseLayer(map);
    if (base && base.getBounds().isValid()) { map.fitBounds(base.getBounds()); }
    else if (stations.length) { map.fitBounds(L.latLngBounds(stations.map(s => [s.lat, s.lon])), { maxZoom: 16 }); }
    BG.replay.init(map);
    BG.tools.init(map);
    if (BG.analysis) { BG.analysis.init(map); }
    BG.cases.init(map);
    BG.search.init(map);
    document.getElementById('search-form').hidden = false;
    await BG.alarms.init(map);
    BG.layers.init(map);
    BG.found.init(map);
    BG.ready = true;
  }

  function wire() {
    document.getElementById('lang').onclick = () => BG.setLang(BG.lang === 'zh' ? 'en' : 'zh');
    document.getElementById('logout').onclick = () => BG.logout(true);
    document.getElementById('login').onsubmit = async (e) => {
      e.preventDefault();
      try {
        await BG.api.login(document.getElementById('login-user').value, document.getElementById('login-pass').value);
        await start();
      } catch (err) { document.getElementById('login-error').textContent = err.message; }
    };
    document.querySelectorAll('#tabs button').forEach(b => { b.onclick = () => BG.showTab(b.dataset.tab); });
    document.getElementById('found-list').onclick = (e) => BG.found.onListClick(e);
    document.getElementById('found-refresh').onclick = () => BG.found.load();
    document.getElementById('found-open').onchange = () => BG.found.load();
    document.getElementById('alarm-list').onclick = (e) => BG.alarms.onListClick(e);
    document.getElementById('replay-load').onclick = () => BG.replay.load();
    document.getElementById('replay-case-load').onclick = () => BG.replay.fromCase();
    document.getElementById('replay-play').onclick = () => (BG.replay.playing ? BG.replay.pause() : BG.replay.play());
    document.getElementById('replay-slider').oninput = (e) => {
      BG.replay.seek(BG.replay.t0 + (BG.replay.t1 - BG.replay.t0) * Number(e.target.value) / 1000);
    };
    document.getElementById('export-geojson').onclick = () => BG.replay.exportGeoJson();
    document.getElementById('export-csv').onclick = () => BG.replay.exportCsv();
    document.getElementById('print-report').onclick = () => BG.replay.report();
    document.getElementById('draw-rect').onclick = () => BG.drawing.start('rect');
    document.getElementById('draw-poly').onclick = () => BG.drawing.start('poly');
    document.getElementById('pick-stations').onclick = () => BG.drawing.start('pick');
    document.getElementById('draw-clear').onclick = () => BG.drawing.clear();
    document.getElementById('passed-go').onclick = () => BG.tools.passed();
    document.querySelector('#passed-result tbody').onclick = (e) => BG.tools.onPassedRow(e);
    document.getElementById('ls-go').onclick = () => BG.tools.lastSeen();
  }

  window.addEventListener('DOMContentLoaded', () => {
    BG.applyLang();
    wire();
    if (BG.api.token) { start().catch(e => { console.error(e); BG.logout(); }); }
    else { document.getElementById('login').hidden = false; }
  });
})();
