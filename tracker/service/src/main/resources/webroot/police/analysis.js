/* Investigations tab: companion analysis of one tag and the fence-den layer (which stolen bikes, when). */
(function () {
  const BG = window.BG;
  BG.words({ zh: {
    tabAnalysis: '研判', companionsTitle: '伴随分析', densTitle: '销赃窝点', findDens: '查找窝点', score: '得分',
    noCompanions: '未发现伴随车辆', noDens: '未发现疑似窝点', newDen: '新窝点', evidence: '证据', kind: '类型',
    endKind: '轨迹终点', dwellKind: '夜间停留', together: '同行', stolenAt: '被盗时间', stolenBikes: '辆被盗车',
  }, en: {
    tabAnalysis: 'Analysis', companionsTitle: 'Companions', densTitle: 'Fence dens', findDens: 'Find dens', score: 'Score',
    noCompanions: 'No companions found', noDens: 'No likely dens', newDen: 'new', evidence: 'Evidence', kind: 'Kind',
    endKind: 'trail end', dwellKind: 'night dwell', together: 'Together', stolenAt: 'Stolen', stolenBikes: 'stolen bikes',
  } });

  const A = BG.analysis = { companionLayer: null, denLayer: null, dens: [] };
  const $ = (id) => document.getElementById(id);

  A.init = function (map) {
    A.map = map;
    A.companionLayer = L.layerGroup().addTo(map);
    A.denLayer = L.layerGroup().addTo(map);
    const now = Date.now();
    $('cp-from').value = BG.local(now - 7 * 86400e3);
    $('cp-to').value = BG.local(now);
    $('den-from').value = BG.local(now - 30 * 86400e3);
    $('den-to').value = BG.local(now);
    $('cp-go').onclick = () => A.companions();
    $('den-go').onclick = () => A.findDens();
    $('den-list').onclick = (e) => {
      const li = e.target.closest('li[data-i]');
      if (li) { A.showDen(Number(li.dataset.i)); }
    };
  };

  function range(fromId, toId) {
    return 'from=' + encodeURIComponent(BG.iso($(fromId).value)) + '&to=' + encodeURIComponent(BG.iso($(toId).value));
  }

  A.companions = async function () {
    $('cp-error').textContent = '';
    $('cp-empty').hidden = true;
    const body = document.querySelector('#cp-result tbody');
    body.innerHTML = '';
    A.companionLayer.clearLayers();
    const tag = $('cp-tag').value.trim();
    const caseNo = $('cp-case').value.trim();
    try {
      const r = await BG.api.get('/api/v1/police/companions?tag=' + encodeURIComponent(tag) + '&' + range('cp-from', 'cp-to')
        + (caseNo ? '&caseNo=' + encodeURIComponent(caseNo) : ''));
      $('cp-empty').hidden = r.companions.length > 0;
      r.companions.forEach(c => {
        const tr = document.createElement('tr');
        tr.innerHTML = '<td>' + BG.esc(c.tag) + '</td><td>' + BG.esc(c.plate || '') + '</td><td>' + c.stations
          + '</td><td>' + c.score + '</td>';
        tr.title = c.together.map(x => x.station + ' ' + BG.fmt(x.at)).join('\n');
        body.appendChild(tr);
        c.together.forEach(x => {
          const s = BG.stations && BG.stations.byId.get(x.station);
          if (s) {
            L.circleMarker([s.lat, s.lon], { radius: 6, color: '#6b46c1', weight: 2, fillOpacity: 0.3 })
              .bindTooltip(BG.esc(c.tag) + ' · ' + BG.esc(x.station) + ' · ' + BG.fmt(x.at))
              .addTo(A.companionLayer);
          }
        });
      });
    } catch (e) { $('cp-error').textContent = e.message; }
  };

  A.findDens = async function () {
    $('den-error').textContent = '';
    $('den-empty').hidden = true;
    const list = $('den-list');
    list.innerHTML = '';
    A.denLayer.clearLayers();
    try {
      const r = await BG.api.get('/api/v1/police/dens?' + range('den-from', 'den-to'));
      A.dens = r.dens;
      $('den-empty').hidden = r.dens.length > 0;
      r.dens.forEach((d, i) => {
        const bikes = new Set(d.stolenTags.map(t => t.tag)).size;
        const li = document.createElement('li');
        li.dataset.i = i;
        li.innerHTML = BG.esc(d.name || d.station) + ' · ' + bikes + ' ' + BG.t('stolenBikes') + ' · ' + BG.t('score') + ' '
          + d.score + (d.new ? ' <strong class="den-new">' + BG.t('newDen') + '</strong>' : '');
        list.appendChild(li);
        L.circleMarker([d.lat, d.lon], { radius: Math.max(8, 18 - 2 * i), color: '#c53030', weight: 3, fillOpacity: 0.25 })
          .bindPopup(() => denPopup(d))
          .addTo(A.denLayer);
      });
    } catch (e) { $('den-error').textContent = e.message; }
  };

  function denPopup(d) {
    const rows = d.stolenTags.map(t => '<tr><td>' + BG.esc(t.tag) + '</td><td>' + BG.esc(t.plate || '') + '</td><td>'
      + BG.esc(t.caseNo || '') + '</td><td>' + BG.t(t.kind === 'dwell' ? 'dwellKind' : 'endKind') + '</td><td>'
      + BG.fmt(t.from) + ' – ' + BG.fmt(t.to) + '</td></tr>').join('');
    return '<strong>' + BG.esc(d.name || d.station) + '</strong> (' + BG.esc(d.station) + ')<br>' + BG.t('evidence')
      + ':<table class="den-evidence"><tr><th>' + BG.t('tag') + '</th><th>' + BG.t('plate') + '</th><th>' + BG.t('caseNo')
      + '</th><th>' + BG.t('kind') + '</th><th>' + BG.t('at') + '</th></tr>' + rows + '</table>';
  }

  A.showDen = function (i) {
    const d = A.dens[i];
    if (!d) { return; }
    A.map.setView([d.lat, d.lon], Math.max(A.map.getZoom(), 15));
    A.denLayer.eachLayer(l => { if (l.getLatLng().lat === d.lat && l.getLatLng().lng === d.lon) { l.openPopup(); } });
  };
})();
