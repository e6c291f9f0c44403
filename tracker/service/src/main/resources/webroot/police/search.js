/*
 * The one search box (header): plate, frame number, tag, owner phone or a scanned QR certificate's
 * text -> the bikes found; a bike card with the owner masked (revealed on request, audited by the
 * tracker), the bike's history, its open case and where it was last seen.
 */
(function () {
  const BG = window.BG;
  BG.words({
    zh: {
      tabSearch: '车辆查询', searchHint: '车牌 / 车架号 / 标签 / 车主手机 / 二维码', noResults: '未找到车辆',
      kind_plate: '车牌', kind_platePrefix: '车牌前缀', kind_frameNo: '车架号', kind_tag: '标签', kind_formerTag: '曾用标签',
      kind_phone: '车主手机', kind_certificate: '二维码凭证', revealOwner: '显示车主信息', idNumber: '身份证号', phone: '手机',
      name: '姓名', history: '车辆档案记录', lastSeen: '最后出现', neverSeen: '尚无记录', showOnMap: '地图定位', noCase: '无在办案件',
      openCaseOf: '在办案件', brand: '品牌', registered: '正常', stolenStatus: '被盗', deregistered: '已注销', searchPrompt: '在上方输入查询内容',
    },
    en: {
      tabSearch: 'Bikes', searchHint: 'plate / frame no. / tag / owner phone / QR', noResults: 'No bike found',
      kind_plate: 'plate', kind_platePrefix: 'plate prefix', kind_frameNo: 'frame no.', kind_tag: 'tag', kind_formerTag: 'former tag',
      kind_phone: 'owner phone', kind_certificate: 'QR certificate', revealOwner: 'Reveal owner', idNumber: 'ID number', phone: 'Phone',
      name: 'Name', history: 'History', lastSeen: 'Last seen', neverSeen: 'not seen yet', showOnMap: 'Show on map', noCase: 'No open case',
      openCaseOf: 'Open case', brand: 'Brand', registered: 'registered', stolenStatus: 'stolen', deregistered: 'deregistered',
      searchPrompt: 'Type in the search box above',
    },
  });

  const S = BG.search = { last: null, card: null };
  const $ = (id) => document.getElementById(id);
  const status = (s) => BG.t(s === 'stolen' ? 'stolenStatus' : s);

  S.init = function () {
    $('search-form').onsubmit = (e) => { e.preventDefault(); S.run($('search-q').value); };
    $('tab-search').onclick = S.onClick;
    (BG.onLang = BG.onLang || []).push(() => { $('search-q').placeholder = BG.t('searchHint'); S.render(); });
    $('search-q').placeholder = BG.t('searchHint');
    S.render();
  };

  S.run = async function (q) {
    S.error();
    BG.showTab('search');
    try { S.last = await BG.api.get('/api/v1/search?q=' + encodeURIComponent(q)); } catch (e) { S.last = null; S.render(); S.error(e); return; }
    S.card = null;
    if (S.last.results.length === 1) { await S.open(S.last.results[0].bikeId); return; }
    S.render();
  };

  S.error = function (e) { const el = $('search-error'); if (el) { el.textContent = e ? e.message : ''; } };

  S.render = function () {
    const sec = $('tab-search');
    const err = $('search-error') ? $('search-error').textContent : '';
    let html;
    if (S.card) { html = S.cardHtml(); }
    else if (!S.last) { html = '<p class="empty" id="search-prompt">' + BG.t('searchPrompt') + '</p>'; }
    else if (!S.last.results.length) { html = '<p class="empty" id="search-empty">' + BG.t('noResults') + '</p>'; }
    else {
      html = '<ul id="search-results">' + S.last.results.map(r => '<li data-bike="' + r.bikeId + '"><b>' + BG.esc(r.plate) + '</b> · '
        + BG.esc(r.tag || '-') + ' <span class="muted">' + BG.esc(BG.t('kind_' + r.kind)) + '</span>'
        + (r.openCase ? ' <span class="badge s-' + r.openCase.status + '">' + BG.esc(r.openCase.caseNo || BG.t(r.openCase.status)) + '</span>' : '')
        + '<br><span class="muted">' + BG.esc([r.brand, r.colour].filter(Boolean).join(' ')) + ' · ' + BG.esc(r.owner.name) + ' '
        + BG.esc(r.owner.phone) + '</span></li>').join('') + '</ul>';
    }
    sec.innerHTML = html + '<p id="search-error" class="error">' + BG.esc(err) + '</p>';
  };

  /** Opens the card of a bike from the last results: its history (audited read) with the result's facts. */
  S.open = async function (bikeId) {
    const r = S.last.results.find(x => x.bikeId === bikeId);
    let history = [];
    try { history = (await BG.api.get('/api/v1/bikes/' + bikeId + '/history')).events || []; } catch (e) { S.error(e); }
    S.card = { r, history, owner: null };
    S.render();
  };

  S.cardHtml = function () {
    const { r, history, owner } = S.card;
    const ls = r.lastSeen;
    const o = owner
      ? '<p id="owner-revealed">' + BG.t('name') + ': ' + BG.esc(owner.name) + ' · ' + BG.t('phone') + ': ' + BG.esc(owner.phone)
        + '<br>' + BG.t('idNumber') + ': ' + BG.esc(owner.idNumber) + '</p>'
      : '<p id="owner-masked">' + BG.esc(r.owner.name) + ' · ' + BG.esc(r.owner.phone) + ' <button data-act="reveal">' + BG.t('revealOwner') + '</button></p>';
    return '<div id="bike-card"><p><button data-act="results">' + BG.t('back') + '</button></p><h3>' + BG.esc(r.plate)
      + ' <span class="badge s-' + r.status + '">' + BG.esc(status(r.status)) + '</span></h3><p>' + BG.t('tag') + ': ' + BG.esc(r.tag || '-')
      + ' · ' + BG.t('frameNo') + ': ' + BG.esc(r.frameNo) + '<br>' + BG.t('brand') + ': ' + BG.esc([r.brand, r.model, r.colour].filter(Boolean).join(' '))
      + '</p><h4>' + BG.t('owner') + '</h4>' + o + '<h4>' + BG.t('openCaseOf') + '</h4>'
      + (r.openCase ? '<p id="card-case">' + BG.esc(r.openCase.caseNo || '#' + r.openCase.id) + ' · ' + BG.esc(BG.t(r.openCase.status))
        + ' <button data-act="case" data-case="' + r.openCase.id + '">' + BG.t('openCase') + '</button></p>'
        : '<p class="empty" id="card-no-case">' + BG.t('noCase') + '</p>')
      + '<h4>' + BG.t('lastSeen') + '</h4>'
      + (ls ? '<p id="card-last-seen">' + BG.esc(ls.stationName ? ls.stationName + ' (' + ls.station + ')' : ls.station) + ' · ' + BG.esc(BG.fmt(ls.at))
        + (ls.open ? ' (' + BG.t('openNow') + ')' : '') + ' <button data-act="map">' + BG.t('showOnMap') + '</button></p>'
        : '<p class="empty" id="card-never-seen">' + BG.t('neverSeen') + '</p>')
      + '<h4>' + BG.t('history') + '</h4><ol id="card-history">' + history.map(h => '<li>' + BG.esc(BG.fmt(h.at)) + ' · ' + BG.esc(h.kind)
        + ' · ' + BG.esc(h.actor) + '</li>').join('') + '</ol></div>';
  };

  S.onClick = async function (e) {
    const li = e.target.closest('li[data-bike]');
    if (li) { await S.open(Number(li.dataset.bike)); return; }
    const act = e.target.dataset.act;
    if (act === 'results') { S.card = null; S.render(); }
    else if (act === 'reveal') {
      try { S.card.owner = await BG.api.get('/api/v1/owners/' + S.card.r.ownerId + '?reveal=true'); } catch (err) { S.error(err); return; }
      S.render();
    } else if (act === 'case') { BG.cases.openById(e.target.dataset.case); }
    else if (act === 'map') {
      const s = BG.stations.byId.get(S.card.r.lastSeen.station);
      if (s && BG.map) { BG.map.setView([s.lat, s.lon], Math.max(BG.map.getZoom(), 16)); }
    }
  };
})();
