/*
 * Situational layers (the "situation" tab): the watch list, station health (silent stations and
 * stations reading far below their normal, drawn on one canvas layer: no DOM node per station) and
 * a heat map of theft reports by weekday and hour of day (Asia/Shanghai, a 7 × 24 table), and the
 * outcomes of the last 7 days' alarms by day (Asia/Shanghai).
 * Each panel loads when the tab is opened or its refresh button is pressed, and says so when empty.
 */
(function () {
  const BG = window.BG;
  const $ = (id) => document.getElementById(id);
  const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const Y = BG.layers = { loaded: 0 };

  Y.init = function (map) {
    Y.map = map;
    Y.renderer = L.canvas({ padding: 0.2 });
    Y.healthLayer = L.layerGroup();
    $('watch-refresh').onclick = Y.watchList;
    $('health-refresh').onclick = Y.health;
    $('heat-refresh').onclick = Y.heatmap;
    $('outcomes-refresh').onclick = Y.outcomes;
    $('health-show').onchange = (e) => { if (e.target.checked) { Y.healthLayer.addTo(map); } else { Y.healthLayer.remove(); } };
    $('watch-body').onclick = Y.onWatchClick;
    $('health-body').onclick = Y.onHealthClick;
    document.querySelector('#tabs button[data-tab="layers"]').addEventListener('click', Y.load);
    BG.onLang = (BG.onLang || []).concat([Y.render]);
  };

  Y.load = function () {
    return Promise.all([Y.watchList(), Y.health(), Y.heatmap(), Y.outcomes()]).then(() => { Y.loaded++; });
  };

  Y.render = function () {
    if (Y.watch) { Y.renderWatch(); }
    if (Y.healthData) { Y.renderHealth(); }
    if (Y.heat) { Y.renderHeat(); }
    if (Y.report) { Y.renderOutcomes(); }
  };

  Y.outcomes = () => guarded('outcomes-error', async () => {
    Y.report = await BG.api.get('/api/v1/alerts/outcomes');
    Y.renderOutcomes();
  });

  Y.renderOutcomes = function () {
    const r = Y.report;
    $('outcomes-empty').hidden = r.totals.total > 0;
    const row = (label, c) => '<tr><td>' + BG.esc(label) + '</td><td>' + c.dispatched + '</td><td>' + c.intercepted
      + '</td><td>' + c.false_alarm + '</td><td>' + c.none + '</td><td>' + c.total + '</td></tr>';
    $('outcomes-body').innerHTML = r.totals.total ? r.days.map(d => row(d.day, d)).join('') + row(BG.t('total'), r.totals) : '';
  };

  async function guarded(errorId, f) {
    $(errorId).textContent = '';
    try { await f(); } catch (e) { $(errorId).textContent = e.message; }
  }

  Y.watchList = () => guarded('watch-error', async () => {
    Y.watch = (await BG.api.get('/api/v1/watchlist')).tags;
    Y.renderWatch();
  });

  Y.renderWatch = function () {
    const w = Y.watch;
    $('watch-empty').hidden = w.length > 0;
    $('watch-count').textContent = w.length ? String(w.length) : '';
    $('watch-body').innerHTML = w.map(e => {
      const last = BG.alarms.list.find(a => a.tag === e.tag);
      return '<tr data-tag="' + BG.esc(e.tag) + '"><td>' + BG.esc(e.plate || '') + '</td><td>' + BG.esc(e.tag) + '</td><td>'
        + BG.esc(e.caseNo || '') + '</td><td>' + (last ? BG.esc(last.station) + ' ' + BG.esc(BG.fmt(last.at)) : '') + '</td></tr>';
    }).join('');
  };

  /** A watched tag: its newest alarm on the map, or its last-seen query. */
  Y.onWatchClick = function (e) {
    const tr = e.target.closest('tr[data-tag]');
    if (!tr) { return; }
    const last = BG.alarms.list.find(a => a.tag === tr.dataset.tag);
    if (last) { BG.alarms.focus(last.id, true); return; }
    $('ls-tag').value = tr.dataset.tag;
    BG.showTab('lastseen');
    BG.tools.lastSeen();
  };

  Y.health = () => guarded('health-error', async () => {
    Y.healthData = await BG.api.get('/api/v1/ingest/station-health?silentMin=' + encodeURIComponent($('health-silent').value || 15));
    Y.renderHealth();
  });

  Y.renderHealth = function () {
    const h = Y.healthData;
    $('health-summary').textContent = BG.t('healthSummary', { n: h.counts.stations, silent: h.counts.silent, low: h.counts.low });
    $('health-empty').hidden = h.stations.length > 0;
    $('health-body').innerHTML = h.stations.slice(0, 300).map(s => '<tr data-station="' + BG.esc(s.station) + '" class="h-'
      + s.state + '"><td>' + BG.esc(s.station) + '</td><td>' + BG.esc(BG.t('health_' + s.state)) + '</td><td>'
      + (s.lastFrameAt ? BG.esc(BG.fmt(s.lastFrameAt)) : '—') + '</td><td>' + s.readsLastHour + ' / '
      + Math.round(s.normalReadsPerHour) + '</td></tr>').join('');
    // one canvas renderer for every marker: thousands of stations cost no DOM nodes
    Y.healthLayer.clearLayers();
    h.stations.forEach(s => {
      L.circleMarker([s.lat, s.lon], { renderer: Y.renderer, radius: 6, weight: 2, fillOpacity: 0.5,
        color: s.state === 'silent' ? '#4a5568' : '#d69e2e', fillColor: s.state === 'silent' ? '#a0aec0' : '#f6e05e' })
        .bindTooltip(s.station + ' · ' + BG.t('health_' + s.state)).addTo(Y.healthLayer);
    });
  };

  Y.onHealthClick = function (e) {
    const tr = e.target.closest('tr[data-station]');
    const s = tr && Y.healthData.stations.find(x => x.station === tr.dataset.station);
    if (s) { Y.map.panTo([s.lat, s.lon]); }
  };

  Y.heatmap = () => guarded('heat-error', async () => {
    Y.heat = await BG.api.get('/api/v1/police/theft-heatmap');
    Y.renderHeat();
  });

  Y.renderHeat = function () {
    const h = Y.heat;
    $('heat-summary').textContent = BG.t('heatSummary', { from: h.from, to: h.to, n: h.total });
    $('heat-empty').hidden = h.total > 0;
    const hours = [];
    for (let i = 0; i < 24; i++) { hours.push('<th>' + i + '</th>'); }
    $('heat-table').innerHTML = '<thead><tr><th></th>' + hours.join('') + '</tr></thead><tbody>'
      + h.cells.map((row, d) => '<tr><th>' + BG.esc(BG.t('wd_' + DAYS[d])) + '</th>'
        + row.map((n, hr) => '<td data-n="' + n + '" title="' + BG.esc(BG.t('wd_' + DAYS[d])) + ' ' + hr + ':00 · ' + n + '"></td>').join('')
        + '</tr>').join('') + '</tbody>';
    // colours through the CSS object model (the page's CSP forbids style attributes)
    $('heat-table').querySelectorAll('td').forEach(td => {
      const n = Number(td.dataset.n);
      td.style.backgroundColor = n === 0 ? '#f7fafc' : 'rgba(197, 48, 48, ' + (0.15 + 0.85 * n / h.max).toFixed(3) + ')';
    });
  };
})();
