/*
 * Trajectory replay for one or several tags: sightings from the API (audited there), merged into
 * stays per station, drawn as lines with stop markers (stays of STOP_MIN minutes or more); a
 * timeline with play/pause, speed and follow; exports (GeoJSON from the trajectory API, CSV from
 * the sightings) and a printable trace report.
 */
(function () {
  const BG = window.BG;
  const COLORS = ['#e53e3e', '#3182ce', '#38a169', '#d69e2e', '#805ad5', '#dd6b20'];
  const STOP_MIN = 5;
  const R = BG.replay = { tracks: [], t: 0, t0: 0, t1: 0, playing: false, frames: 0 };

  R.init = function (map) {
    R.map = map;
    R.layer = L.layerGroup().addTo(map);
    const now = Date.now();
    document.getElementById('replay-from').value = BG.local(now - 24 * 3600e3);
    document.getElementById('replay-to').value = BG.local(now + 3600e3);
  };

  R.fromAlarm = function (a) {
    document.getElementById('replay-tags').value = a.tag;
    document.getElementById('replay-case').value = a.caseNo || '';
    const at = Date.parse(a.at);
    document.getElementById('replay-from').value = BG.local(at - 24 * 3600e3);
    document.getElementById('replay-to').value = BG.local(Math.max(at, Date.now()) + 60e3);
    BG.showTab('replay');
    return R.load();
  };

  /** A theft case by its case number: the evidence pinned at confirmation, the bike across tag replacements. */
  R.fromCase = async function () {
    const err = document.getElementById('replay-error');
    err.textContent = '';
    try { await BG.cases.replayByNumber(document.getElementById('replay-case-id').value.trim()); } catch (e) { err.textContent = e.message; }
  };

  R.params = function () {
    const tags = document.getElementById('replay-tags').value.split(/[\s,;]+/).filter(Boolean).slice(0, COLORS.length);
    const q = new URLSearchParams({ from: BG.iso(document.getElementById('replay-from').value),
      to: BG.iso(document.getElementById('replay-to').value) });
    const c = document.getElementById('replay-case').value.trim();
    if (c) { q.set('caseNo', c); }
    return { tags, q, caseNo: c };
  };

  R.load = async function () {
    R.pause();
    const err = document.getElementById('replay-error');
    err.textContent = '';
    const { tags, q } = R.params();
    try {
      const results = await Promise.all(tags.map(t => BG.api.get('/api/v1/tags/' + encodeURIComponent(t) + '/sightings?' + q)));
      R.tracks = results.map((r, i) => R.track(r, COLORS[i]));
    } catch (e) { err.textContent = e.message; return; }
    R.draw();
  };

  /** Consecutive sightings at one station merge into one stay. */
  R.track = function (r, color) {
    const stays = [];
    for (const s of r.sightings) {
      const st = BG.stations.byId.get(s.station);
      if (!st) { continue; }
      const f = Date.parse(s.firstSeen), l = Date.parse(s.lastSeen);
      const prev = stays[stays.length - 1];
      if (prev && prev.station === s.station) { prev.last = Math.max(prev.last, l); continue; }
      stays.push({ station: s.station, lat: st.lat, lon: st.lon, first: f, last: l, reads: s.reads, rssi: s.peakRssi });
    }
    return { tag: r.tag, color, stays, sightings: r.sightings };
  };

  R.draw = function () {
    R.layer.clearLayers();
    const legend = document.getElementById('replay-legend');
    legend.innerHTML = '';
    const bounds = [];
    R.t0 = Infinity; R.t1 = -Infinity;
    for (const tr of R.tracks) {
      const pts = tr.stays.map(s => [s.lat, s.lon]);
      bounds.push(...pts);
      if (pts.length > 1) { L.polyline(pts, { color: tr.color, weight: 3, opacity: 0.7 }).addTo(R.layer); }
      for (const s of tr.stays) {
        const min = (s.last - s.first) / 60000;
        if (min >= STOP_MIN) {
          L.circleMarker([s.lat, s.lon], { radius: 7, color: tr.color, fillColor: '#fff', fillOpacity: 1 })
            .bindTooltip(s.station + ' · ' + BG.t('stay') + ' ' + Math.round(min) + ' ' + BG.t('minutes') + ' · ' + BG.fmt(s.first),
              { className: 'stop-label' }).addTo(R.layer);
        }
      }
      if (tr.stays.length) {
        R.t0 = Math.min(R.t0, tr.stays[0].first);
        R.t1 = Math.max(R.t1, tr.stays[tr.stays.length - 1].last);
        tr.marker = L.circleMarker([tr.stays[0].lat, tr.stays[0].lon], { radius: 9, color: '#000', weight: 2,
          fillColor: tr.color, fillOpacity: 1 }).addTo(R.layer);
      }
      const li = document.createElement('li');
      li.style.setProperty('--c', tr.color);
      li.textContent = tr.tag + ' · ' + tr.stays.length + ' ' + BG.t('stations');
      legend.appendChild(li);
    }
    document.getElementById('replay-controls').hidden = !R.tracks.some(t => t.stays.length);
    if (bounds.length) { R.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 17 }); }
    R.seek(R.t0);
  };

  /** Position of a track at time t (epoch ms): at a station during a stay, interpolated between stays. */
  R.position = function (tr, t) {
    const s = tr.stays;
    if (!s.length) { return null; }
    if (t <= s[0].first) { return [s[0].lat, s[0].lon]; }
    for (let i = 0; i < s.length; i++) {
      if (t <= s[i].last) { return [s[i].lat, s[i].lon]; }
      const n = s[i + 1];
      if (n && t < n.first) {
        const f = (t - s[i].last) / Math.max(1, n.first - s[i].last);
        return [s[i].lat + (n.lat - s[i].lat) * f, s[i].lon + (n.lon - s[i].lon) * f];
      }
    }
    return [s[s.length - 1].lat, s[s.length - 1].lon];
  };

  R.seek = function (t) {
    if (!isFinite(R.t0)) { return; }
    R.t = Math.max(R.t0, Math.min(R.t1, t));
    let lead = null;
    for (const tr of R.tracks) {
      const p = R.position(tr, R.t);
      if (p && tr.marker) { tr.marker.setLatLng(p); lead = lead || p; }
    }
    if (lead && R.playing && document.getElementById('replay-follow').checked) { R.map.panTo(lead, { animate: false }); }
    const span = Math.max(1, R.t1 - R.t0);
    document.getElementById('replay-slider').value = String(Math.round(1000 * (R.t - R.t0) / span));
    document.getElementById('replay-clock').textContent = BG.fmt(new Date(R.t).toISOString());
  };

  R.play = function () {
    if (!isFinite(R.t0)) { return; }
    if (R.t >= R.t1) { R.t = R.t0; }
    R.playing = true;
    document.getElementById('replay-play').textContent = BG.t('pause');
    let last = performance.now();
    const step = (now) => {
      if (!R.playing) { return; }
      const speed = Number(document.getElementById('replay-speed').value);
      R.frames++;
      R.seek(R.t + (now - last) * speed);
      last = now;
      if (R.t >= R.t1) { R.pause(); return; }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  };

  R.pause = function () {
    R.playing = false;
    const b = document.getElementById('replay-play');
    if (b) { b.textContent = BG.t('play'); }
  };

  R.exportGeoJson = async function () {
    const { tags, q } = R.params();
    const features = [];
    for (const t of tags) {
      try { features.push(await BG.api.get('/api/v1/tags/' + encodeURIComponent(t) + '/trajectory?' + q)); } catch (e) { /* 404: none */ }
    }
    R.lastExport = { type: 'FeatureCollection', features };
    BG.download('trajectory-' + tags.join('-') + '.geojson', 'application/geo+json', JSON.stringify(R.lastExport, null, 1));
  };

  R.csv = function () {
    const rows = [['tag', 'station', 'lon', 'lat', 'firstSeen', 'lastSeen', 'reads', 'peakRssi']];
    for (const tr of R.tracks) {
      for (const s of tr.sightings) {
        const st = BG.stations.byId.get(s.station) || {};
        rows.push([tr.tag, s.station, st.lon, st.lat, s.firstSeen, s.lastSeen, s.reads, s.peakRssi]);
      }
    }
    return rows.map(r => r.map(v => /[",\n]/.test(String(v)) ? '"' + String(v).replace(/"/g, '""') + '"' : v).join(',')).join('\r\n') + '\r\n';
  };

  R.exportCsv = function () {
    BG.download('trajectory-' + R.tracks.map(t => t.tag).join('-') + '.csv', 'text/csv;charset=utf-8', '\ufeff' + R.csv());
  };

  /** Fills the print-only report and opens the print dialog. */
  R.report = async function () {
    const { caseNo } = R.params();
    let html = '<h1>' + BG.t('reportTitle') + '</h1><p>' + BG.t('caseNo') + ': ' + BG.esc(caseNo || '-') + ' · '
      + BG.t('officer') + ': ' + BG.esc(BG.api.user) + ' · ' + BG.t('generated') + ': ' + BG.esc(BG.fmt(new Date().toISOString()))
      + '<br>' + BG.t('window') + ': ' + BG.esc(BG.fmt(BG.iso(document.getElementById('replay-from').value))) + ' – '
      + BG.esc(BG.fmt(BG.iso(document.getElementById('replay-to').value))) + '</p>';
    for (const tr of R.tracks) {
      html += '<h2>' + BG.t('tag') + ' ' + BG.esc(tr.tag) + '</h2><table><tr><th>#</th><th>' + BG.t('station') + '</th><th>'
        + BG.t('firstSeen') + '</th><th>' + BG.t('to') + '</th><th>' + BG.t('stay') + ' (' + BG.t('minutes') + ')</th></tr>';
      tr.stays.forEach((s, i) => {
        const st = BG.stations.byId.get(s.station);
        html += '<tr><td>' + (i + 1) + '</td><td>' + BG.esc(st && st.name ? st.name + ' (' + s.station + ')' : s.station) + '</td><td>' + BG.esc(BG.fmt(new Date(s.first).toISOString()))
          + '</td><td>' + BG.esc(BG.fmt(new Date(s.last).toISOString())) + '</td><td>' + Math.round((s.last - s.first) / 6000) / 10 + '</td></tr>';
      });
      html += '</table>';
    }
    document.getElementById('report').innerHTML = html;
    setTimeout(() => window.print(), 50);
  };
})();
