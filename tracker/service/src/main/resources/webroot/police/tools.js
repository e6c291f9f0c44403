/* "Who passed here" (rectangle, polygon or picked stations + window) and the last-seen area. */
(function () {
  const BG = window.BG;
  const D = BG.drawing = { active: null, points: [], shape: null };

  BG.tools = {};

  BG.tools.init = function (map) {
    D.map = map;
    D.layer = L.layerGroup().addTo(map);
    BG.tools.resultLayer = L.layerGroup().addTo(map);
    const now = Date.now();
    document.getElementById('passed-from').value = BG.local(now - 3600e3);
    document.getElementById('passed-to').value = BG.local(now);
    map.on('click', D.click);
    map.on('dblclick', D.dblclick);
    BG.stations.on('selection', e => { document.getElementById('passed-stations').value = e.ids.join(','); });
  };

  D.start = function (mode) {
    D.clear();
    D.active = mode;
    BG.stations.picking = mode === 'pick';
    if (mode === 'poly') { D.map.doubleClickZoom.disable(); }
    document.getElementById('draw-hint').textContent = BG.t(mode === 'rect' ? 'rectHint' : mode === 'poly' ? 'polyHint' : 'pickHint');
  };

  D.clear = function () {
    D.active = null; D.points = []; D.shape = null;
    D.layer.clearLayers();
    BG.stations.picking = false;
    BG.stations.selected.clear();
    BG.stations._redraw();
    D.map.doubleClickZoom.enable();
    document.getElementById('draw-hint').textContent = '';
  };

  D.click = function (e) {
    if (D.active !== 'rect' && D.active !== 'poly') { return; }
    D.points.push(e.latlng);
    D.layer.clearLayers();
    if (D.active === 'rect' && D.points.length === 2) {
      const b = L.latLngBounds(D.points);
      D.finish([b.getSouthWest(), b.getNorthWest(), b.getNorthEast(), b.getSouthEast()]);
      return;
    }
    D.points.forEach(p => L.circleMarker(p, { radius: 4, color: '#c53030' }).addTo(D.layer));
    if (D.points.length > 1) { L.polyline(D.points, { color: '#c53030', dashArray: '4 4' }).addTo(D.layer); }
  };

  D.dblclick = function () {
    if (D.active === 'poly' && D.points.length >= 3) { D.finish(D.points); }
  };

  /** Closes the ring and keeps it as a GeoJSON Polygon. */
  D.finish = function (latlngs) {
    const dedup = latlngs.filter((p, i) => i === 0 || !p.equals(latlngs[i - 1]));
    const ring = dedup.map(p => [p.lng, p.lat]);
    ring.push(ring[0]);
    D.shape = { type: 'Polygon', coordinates: [ring] };
    D.layer.clearLayers();
    L.polygon(dedup, { color: '#c53030', weight: 2, fillOpacity: 0.08 }).addTo(D.layer);
    D.active = null;
    D.map.doubleClickZoom.enable();
    document.getElementById('draw-hint').textContent = '';
  };

  BG.tools.passed = async function () {
    const out = document.getElementById('passed-error');
    out.textContent = '';
    const body = { from: BG.iso(document.getElementById('passed-from').value), to: BG.iso(document.getElementById('passed-to').value) };
    const ids = document.getElementById('passed-stations').value.split(/[\s,;]+/).filter(Boolean);
    if (D.shape) { body.area = D.shape; } else { body.stations = ids; }
    const c = document.getElementById('passed-case').value.trim();
    if (c) { body.caseNo = c; }
    let r;
    try { r = await BG.api.post('/api/v1/police/passed', body); } catch (e) { out.textContent = e.message; return; }
    BG.tools.lastPassed = r;
    document.getElementById('passed-summary').textContent = BG.t('passedSummary', { n: r.count, s: r.stations.length })
      + (r.truncated ? ' …' : '');
    const tb = document.querySelector('#passed-result tbody');
    tb.innerHTML = r.tags.map(t => '<tr data-tag="' + BG.esc(t.tag) + '"><td>' + BG.esc(t.tag)
      + (t.watched ? ' ⚠' : '') + '</td><td>' + BG.esc(t.plate || '') + '</td><td>'
      + BG.esc(Array.from(new Set(t.sightings.map(s => s.station))).join(' ')) + '</td><td>'
      + BG.esc(BG.fmt(t.sightings[0].firstSeen)) + '</td></tr>').join('');
    BG.tools.resultLayer.clearLayers();
    r.stations.forEach(id => {
      const s = BG.stations.byId.get(id);
      if (s) { L.circle([s.lat, s.lon], { radius: s.radiusM, color: '#c53030', weight: 1 }).addTo(BG.tools.resultLayer); }
    });
  };

  BG.tools.onPassedRow = function (e) {
    const tr = e.target.closest('tr[data-tag]');
    if (!tr) { return; }
    document.getElementById('replay-tags').value = tr.dataset.tag;
    document.getElementById('replay-from').value = document.getElementById('passed-from').value;
    document.getElementById('replay-to').value = document.getElementById('passed-to').value;
    document.getElementById('replay-case').value = document.getElementById('passed-case').value;
    BG.showTab('replay');
    BG.replay.load();
  };

  BG.tools.lastSeen = async function () {
    const err = document.getElementById('ls-error');
    err.textContent = '';
    const tag = document.getElementById('ls-tag').value.trim();
    const c = document.getElementById('ls-case').value.trim();
    let f;
    try {
      f = await BG.api.get('/api/v1/police/tags/' + encodeURIComponent(tag) + '/last-seen' + (c ? '?caseNo=' + encodeURIComponent(c) : ''));
    } catch (e) { err.textContent = e.message; return; }
    BG.tools.resultLayer.clearLayers();
    const area = L.geoJSON(f, { style: { color: '#c53030', weight: 2, fillOpacity: 0.2 } }).addTo(BG.tools.resultLayer);
    const p = f.properties;
    p.likelyNext.forEach(n => L.circleMarker([n.lat, n.lon], { radius: 6, color: '#805ad5' })
      .bindTooltip(BG.t('likelyNext') + ': ' + n.station + ' ' + Math.round(n.share * 100) + '%').addTo(BG.tools.resultLayer));
    D.map.fitBounds(area.getBounds(), { maxZoom: 17, padding: [60, 60] });
    document.getElementById('ls-result').innerHTML = '<p>' + BG.t('lastSeenAt') + ': ' + BG.esc(BG.fmt(p.lastSeen))
      + (p.open ? ' (' + BG.t('openNow') + ')' : '') + '<br>' + BG.t('stations') + ': '
      + BG.esc(p.stations.map(s => s.station).join(', ')) + '<br>' + BG.t('likelyNext') + ': '
      + BG.esc(p.likelyNext.map(n => n.station + ' ' + Math.round(n.share * 100) + '%').join(', ') || '-') + '</p>';
  };
})();
