/* "I found this bike" reports from the public certificate pages: a list (newest first, the open
   ones by default) with the bike's plate, its theft case, the place or position; a marker on the
   map for each position; "handled" marks one done. Loaded at start (for the count on the tab), when
   the tab is opened, and every 60 s while it is open (each load is an audited read). */
(function () {
  const BG = window.BG;
  const POLL_MS = 60000;
  const F = BG.found = { list: [], layer: null, timer: null, loaded: false };

  F.init = function (map) {
    F.layer = L.layerGroup().addTo(map);
    F.load();
    F.timer = setInterval(() => {
      if (!document.getElementById('tab-found').hidden) { F.load(); }
    }, POLL_MS);
    (BG.onLang = BG.onLang || []).push(F.render);
  };

  F.load = async function () {
    const open = document.getElementById('found-open').checked;
    try {
      F.list = await BG.api.get('/api/v1/found-reports' + (open ? '?open=true' : ''));
      document.getElementById('found-error').textContent = '';
    } catch (e) {
      document.getElementById('found-error').textContent = e.message;
    }
    F.loaded = true;
    F.render();
  };

  F.render = function () {
    if (!F.layer) { return; }
    const ol = document.getElementById('found-list');
    const openCount = F.list.filter(r => !r.handledAt).length;
    document.getElementById('found-count').textContent = openCount ? '(' + openCount + ')' : '';
    document.getElementById('found-empty').hidden = F.list.length > 0;
    F.layer.clearLayers();
    ol.innerHTML = F.list.map(r => {
      const where = r.lon != null
        ? r.lat.toFixed(5) + ', ' + r.lon.toFixed(5) + (r.accuracyM != null ? ' (' + BG.t('accuracy', { m: Math.round(r.accuracyM) }) + ')' : '')
        : BG.t('noPosition');
      if (r.lon != null) {
        L.circleMarker([r.lat, r.lon], { radius: 8, color: '#b7791f', weight: 3, fillOpacity: 0.5 })
          .bindTooltip(BG.esc(r.plate) + ' · ' + BG.esc(r.place || where)).addTo(F.layer);
      }
      return '<li data-id="' + r.id + '" class="' + (r.handledAt ? 'muted' : '') + '">'
        + '<strong>' + BG.esc(r.plate) + '</strong> ' + (r.caseNo ? BG.esc(r.caseNo) + ' ' : r.caseId ? '#' + r.caseId + ' ' : '')
        + '<span class="muted">' + BG.esc(BG.fmt(r.reportedAt)) + '</span><br>'
        + BG.esc(r.place) + (r.place ? ' · ' : '') + BG.esc(where)
        + (r.note ? '<br>' + BG.esc(r.note) : '') + '<br>'
        + (r.lon != null ? '<button data-act="map">' + BG.esc(BG.t('showOnMap')) + '</button> ' : '')
        + (r.handledAt ? '<span class="muted">' + BG.esc(BG.t('handledBy', { who: r.handledBy })) + '</span>'
          : '<button data-act="handled">' + BG.esc(BG.t('markHandled')) + '</button>')
        + '</li>';
    }).join('');
  };

  F.onListClick = async function (e) {
    const b = e.target.closest('button');
    const li = e.target.closest('li');
    if (!b || !li) { return; }
    const r = F.list.find(x => String(x.id) === li.dataset.id);
    if (!r) { return; }
    if (b.dataset.act === 'map') { BG.map.setView([r.lat, r.lon], Math.max(BG.map.getZoom(), 17)); return; }
    try {
      await BG.api.post('/api/v1/found-reports/' + r.id + '/handled');
      await F.load();
    } catch (err) { document.getElementById('found-error').textContent = err.message; }
  };
})();
