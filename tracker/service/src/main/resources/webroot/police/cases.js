/*
 * The case workspace: the case list (status, theft dates, the map's view as area; paged), a case
 * opened by its case number, confirm / recover / close, replay and print from the evidence pinned
 * at confirmation (the bike across tag replacements), the case's alarms, notes and shift handovers.
 * Every read is audited by the tracker.
 */
(function () {
  const BG = window.BG;
  BG.words({
    zh: {
      tabCases: '案件', caseList: '案件列表', status: '状态', all: '全部', reported: '已报案', confirmed: '已立案',
      recovered: '已找回', closed: '已结案', stolenAt: '被盗时间', place: '地点', mapArea: '仅限地图当前范围',
      prev: '上一页', next: '下一页', pageOf: '第 {p} 页 / 共 {n} 页（{t} 件）', noCases: '没有符合条件的案件',
      openCase: '打开案件', caseNoHint: '输入案件编号', confirmCase: '立案', recoverCase: '已找回', closeCase: '结案',
      newCaseNo: '案件编号（立案）', outcomeNote: '说明（可选）', evidence: '固定证据', pinnedAtConfirm: '立案时固定',
      compiledAt: '提取时间', compileMore: '重新提取证据', replayEvidence: '回放', printEvidence: '打印报告',
      noEvidence: '尚无固定证据（立案时自动提取）', caseAlarms: '本案警报', noAlarms: '本案暂无警报', notes: '办案记录与交班',
      noNotes: '暂无记录', note: '记录', handover: '交班', whatDone: '已做工作', nextSteps: '待办事项', addNote: '添加',
      back: '返回列表', bike: '车辆', sightings: '条记录', reference: '审计编号', page: '第 {p} 页', pages: '共 {n} 页',
      handledBy: '经办人', noteKind: '类型', arrival: '到达', departure: '离开', stationName: '基站名称', owner: '车主',
      frameNo: '车架号', tagsOfBike: '标签（按更换顺序）', signature: '经办人签名',
    },
    en: {
      tabCases: 'Cases', caseList: 'Cases', status: 'Status', all: 'All', reported: 'reported', confirmed: 'confirmed',
      recovered: 'recovered', closed: 'closed', stolenAt: 'Stolen at', place: 'Place', mapArea: 'Only the map view',
      prev: 'Previous', next: 'Next', pageOf: 'Page {p} of {n} ({t} cases)', noCases: 'No case matches',
      openCase: 'Open case', caseNoHint: 'case number', confirmCase: 'Confirm', recoverCase: 'Recovered', closeCase: 'Close',
      newCaseNo: 'Case number (to confirm)', outcomeNote: 'Note (optional)', evidence: 'Pinned evidence', pinnedAtConfirm: 'pinned at confirmation',
      compiledAt: 'Compiled', compileMore: 'Compile again', replayEvidence: 'Replay', printEvidence: 'Print report',
      noEvidence: 'No pinned evidence yet (compiled on confirmation)', caseAlarms: 'Alarms of the case', noAlarms: 'No alarm for this case',
      notes: 'Notes and handovers', noNotes: 'No notes yet', note: 'Note', handover: 'Handover', whatDone: 'What was done',
      nextSteps: 'What is left', addNote: 'Add', back: 'Back to the list', bike: 'Bike', sightings: 'sightings',
      reference: 'Audit reference', page: 'Page {p}', pages: 'of {n}', handledBy: 'By', noteKind: 'Kind', arrival: 'Arrived',
      departure: 'Left', stationName: 'Station', owner: 'Owner', frameNo: 'Frame no.', tagsOfBike: 'Tags (in order fitted)',
      signature: 'Officer signature',
    },
  });

  const STATUSES = ['reported', 'confirmed', 'recovered', 'closed'];
  const C = BG.cases = { page: 0, size: 20, current: null, listed: null };
  const $ = (id) => document.getElementById(id);

  C.init = function () {
    const sec = $('tab-cases');
    sec.onclick = C.onClick;
    sec.onsubmit = C.onSubmit;
    (BG.onLang = BG.onLang || []).push(() => C.render());
    C.render();
  };

  /** The shell of the tab (filters, open-by-number, the list or the case), rebuilt on a language switch. */
  C.render = function () {
    const sec = $('tab-cases');
    const keep = { status: $('cases-status') && $('cases-status').value, from: $('cases-from') && $('cases-from').value,
      to: $('cases-to') && $('cases-to').value, area: $('cases-area') && $('cases-area').checked };
    sec.innerHTML = '<form id="case-open" class="row"><input id="case-no" placeholder="' + BG.esc(BG.t('caseNoHint'))
      + '"><button type="submit">' + BG.t('openCase') + '</button></form>'
      + '<form id="cases-filter"><div class="row"><label>' + BG.t('status') + ' <select id="cases-status"><option value="">'
      + BG.t('all') + '</option>' + STATUSES.map(s => '<option value="' + s + '">' + BG.t(s) + '</option>').join('')
      + '</select></label><label><input type="checkbox" id="cases-area"> ' + BG.t('mapArea') + '</label></div>'
      + '<div class="row"><label>' + BG.t('from') + ' <input id="cases-from" type="date"></label><label>' + BG.t('to')
      + ' <input id="cases-to" type="date"></label><button type="submit">' + BG.t('search') + '</button></div></form>'
      + '<div id="cases-body"></div><p id="cases-error" class="error"></p>';
    if (keep.status != null) {
      $('cases-status').value = keep.status; $('cases-from').value = keep.from; $('cases-to').value = keep.to; $('cases-area').checked = keep.area;
    }
    if (C.current) { C.renderCase(); } else if (C.listed) { C.renderList(); }
  };

  C.error = function (e) { $('cases-error').textContent = e ? e.message || String(e) : ''; };

  C.onSubmit = function (e) {
    e.preventDefault();
    if (e.target.id === 'case-open') { C.openByNumber($('case-no').value.trim()); }
    if (e.target.id === 'cases-filter') { C.page = 0; C.list(); }
    if (e.target.id === 'case-note-form') { C.addNote(); }
  };

  /** Loads one page of the list with the filters set. */
  C.list = async function () {
    C.error();
    const q = new URLSearchParams({ page: String(C.page), size: String(C.size) });
    const st = $('cases-status').value;
    if (st) { q.set('status', st); }
    const day = (v) => new Date(v + 'T00:00:00+08:00').toISOString(); // dates are Asia/Shanghai days
    if ($('cases-from').value) { q.set('from', day($('cases-from').value)); }
    if ($('cases-to').value) { q.set('to', new Date(Date.parse(day($('cases-to').value)) + 864e5).toISOString()); }
    if ($('cases-area').checked && BG.map) { q.set('area', BG.map.getBounds().toBBoxString()); }
    try { C.listed = await BG.api.get('/api/v1/police/cases?' + q); } catch (e) { C.error(e); return; }
    C.current = null;
    C.renderList();
  };

  C.renderList = function () {
    const r = C.listed;
    const pages = Math.max(1, Math.ceil(r.total / r.size));
    $('cases-body').innerHTML = !r.cases.length ? '<p class="empty" id="cases-empty">' + BG.t('noCases') + '</p>'
      : '<table id="cases-table" class="grid"><thead><tr><th>' + BG.t('caseNo') + '</th><th>' + BG.t('plate') + '</th><th>'
        + BG.t('status') + '</th><th>' + BG.t('stolenAt') + '</th></tr></thead><tbody>'
        + r.cases.map(c => '<tr data-case="' + c.id + '"><td>' + BG.esc(c.caseNo || '#' + c.id) + '</td><td>' + BG.esc(c.plate)
          + '</td><td>' + BG.esc(BG.t(c.status)) + '</td><td>' + BG.esc(BG.fmt(c.stolenAt)) + '</td></tr>').join('')
        + '</tbody></table><div class="row"><button data-act="prev"' + (r.page > 0 ? '' : ' disabled') + '>' + BG.t('prev')
        + '</button><span class="muted" id="cases-page">' + BG.esc(BG.t('pageOf', { p: r.page + 1, n: pages, t: r.total }))
        + '</span><button data-act="next"' + (r.page + 1 < pages ? '' : ' disabled') + '>' + BG.t('next') + '</button></div>';
  };

  C.openByNumber = async function (no) {
    if (!no) { return; }
    C.error();
    try { C.current = await BG.api.get('/api/v1/police/case?caseNo=' + encodeURIComponent(no)); } catch (e) { C.error(e); return; }
    C.renderCase();
  };

  C.openById = async function (id) {
    C.error();
    try { C.current = await BG.api.get('/api/v1/police/case?id=' + encodeURIComponent(id)); } catch (e) { C.error(e); return; }
    BG.showTab('cases');
    C.renderCase();
  };

  C.reload = function () { return C.openById(C.current.case.id); };

  C.renderCase = function () {
    const w = C.current, c = w.case, b = w.bike || {};
    const ev = w.evidence.map((e, i) => '<li data-evidence="' + e.id + '">' + BG.esc(BG.fmt(e.compiledAt)) + ' · '
      + e.sightings + ' ' + BG.t('sightings') + (e.tags.length ? ' · ' + BG.esc(e.tags.join(' → ')) : '')
      + (i === 0 ? ' <span class="muted">(' + BG.t('pinnedAtConfirm') + ')</span>' : '')
      + '<br><button data-act="replay-evidence">' + BG.t('replayEvidence') + '</button> <button data-act="print-evidence">'
      + BG.t('printEvidence') + '</button></li>').join('');
    const alarms = w.alarms.map(a => '<li>' + BG.esc(BG.t(a.type)) + ' · ' + BG.esc(a.tag) + ' · ' + BG.esc(C.stationName(a.station))
      + ' · ' + BG.esc(BG.fmt(a.at)) + (a.status && a.status !== 'new' ? ' · ' + BG.esc(BG.t(a.status)) : '') + '</li>').join('');
    const notes = w.notes.map(n => '<li class="note-' + n.kind + '"><b>' + BG.esc(BG.t(n.kind)) + '</b> · ' + BG.esc(n.author) + ' · '
      + BG.esc(BG.fmt(n.at)) + '<br>' + BG.esc(n.text) + (n.next ? '<br><span class="muted">' + BG.t('nextSteps') + ': '
      + BG.esc(n.next) + '</span>' : '') + '</li>').join('');
    const actions = c.status === 'reported'
      ? '<label>' + BG.t('newCaseNo') + ' <input id="case-confirm-no"></label><button data-act="confirm">' + BG.t('confirmCase')
        + '</button> <button data-act="close">' + BG.t('closeCase') + '</button>'
      : c.status === 'confirmed'
        ? '<label>' + BG.t('outcomeNote') + ' <input id="case-outcome-note"></label><button data-act="recover">'
          + BG.t('recoverCase') + '</button> <button data-act="close">' + BG.t('closeCase') + '</button> <button data-act="compile">'
          + BG.t('compileMore') + '</button>'
        : '';
    $('cases-body').innerHTML = '<div id="case-view"><p><button data-act="back">' + BG.t('back') + '</button></p>'
      + '<h3 id="case-title">' + BG.esc(c.caseNo || '#' + c.id) + ' <span class="badge s-' + c.status + '">' + BG.esc(BG.t(c.status))
      + '</span></h3><p>' + BG.t('bike') + ': ' + BG.esc(c.plate) + ' · ' + BG.esc(c.tag || '-') + ' · ' + BG.esc([b.brand, b.colour].filter(Boolean).join(' '))
      + '<br>' + BG.t('stolenAt') + ': ' + BG.esc(BG.fmt(c.stolenAt)) + ' · ' + BG.t('place') + ': ' + BG.esc(c.place)
      + (c.note ? '<br>' + BG.esc(c.note) : '') + '</p><div class="row" id="case-actions">' + actions + '</div>'
      + '<h4>' + BG.t('evidence') + '</h4>' + (ev ? '<ol id="case-evidence">' + ev + '</ol>' : '<p class="empty" id="case-no-evidence">' + BG.t('noEvidence') + '</p>')
      + '<h4>' + BG.t('caseAlarms') + '</h4>' + (alarms ? '<ul id="case-alarms">' + alarms + '</ul>' : '<p class="empty" id="case-no-alarms">' + BG.t('noAlarms') + '</p>')
      + '<h4>' + BG.t('notes') + '</h4>' + (notes ? '<ol id="case-notes">' + notes + '</ol>' : '<p class="empty" id="case-no-notes">' + BG.t('noNotes') + '</p>')
      + '<form id="case-note-form"><label>' + BG.t('noteKind') + ' <select id="note-kind"><option value="note">' + BG.t('note')
      + '</option><option value="handover">' + BG.t('handover') + '</option></select></label><label>' + BG.t('whatDone')
      + ' <textarea id="note-text" rows="2" required></textarea></label><label>' + BG.t('nextSteps')
      + ' <textarea id="note-next" rows="2"></textarea></label><button type="submit">' + BG.t('addNote') + '</button></form></div>';
  };

  C.stationName = function (id) {
    const s = BG.stations && BG.stations.byId.get(id);
    return s && s.name ? s.name + ' (' + id + ')' : id;
  };

  C.onClick = async function (e) {
    const act = e.target.dataset.act;
    const row = e.target.closest('tr[data-case]');
    if (row && !act) { C.openById(row.dataset.case); return; }
    if (!act) { return; }
    e.preventDefault();
    C.error();
    const id = C.current && C.current.case.id;
    const ev = e.target.closest('[data-evidence]');
    try {
      if (act === 'prev' || act === 'next') { C.page += act === 'next' ? 1 : -1; await C.list(); }
      else if (act === 'back') { C.current = null; if (C.listed) { C.renderList(); } else { $('cases-body').innerHTML = ''; } }
      else if (act === 'confirm') { await BG.api.post('/api/v1/thefts/' + id + '/confirm', { caseNo: $('case-confirm-no').value.trim() }); await C.reload(); }
      else if (act === 'recover' || act === 'close') {
        const note = $('case-outcome-note') ? $('case-outcome-note').value.trim() : '';
        await BG.api.post('/api/v1/thefts/' + id + '/' + act, note ? { note } : {});
        await C.reload();
      }
      else if (act === 'compile') { await BG.api.post('/api/v1/thefts/' + id + '/evidence'); await C.reload(); }
      else if (act === 'replay-evidence') { await C.replay(Number(ev.dataset.evidence)); }
      else if (act === 'print-evidence') { await C.print(Number(ev.dataset.evidence)); }
    } catch (err) { C.error(err); }
  };

  C.addNote = async function () {
    C.error();
    const body = { kind: $('note-kind').value, text: $('note-text').value.trim() };
    if ($('note-next').value.trim()) { body.next = $('note-next').value.trim(); }
    try { await BG.api.post('/api/v1/police/cases/' + C.current.case.id + '/notes', body); await C.reload(); } catch (e) { C.error(e); }
  };

  /** Opens a case by its number and replays the evidence pinned at its confirmation. */
  C.replayByNumber = async function (no) {
    if (!no) { return; }
    C.current = await BG.api.get('/api/v1/police/case?caseNo=' + encodeURIComponent(no));
    C.renderCase();
    if (!C.current.evidence.length) { throw new Error(BG.t('noEvidence')); }
    await C.replay(C.current.evidence[0].id);
  };

  /** Replays one pinned compilation: one track for the bike, through every tag it carried. */
  C.replay = async function (evidenceId) {
    const c = C.current.case;
    const all = await BG.api.get('/api/v1/thefts/' + c.id + '/evidence');
    const e = all.evidence.find(x => x.id === evidenceId);
    const tags = Array.from(new Set(e.sightings.map(s => s.tag)));
    const R = BG.replay;
    R.pause();
    R.tracks = [R.track({ tag: c.plate + ' · ' + tags.join(' → '), sightings: e.sightings }, '#e53e3e')];
    $('replay-tags').value = tags.join(',');
    $('replay-case').value = c.caseNo || '';
    $('replay-from').value = BG.local(Date.parse(e.from));
    $('replay-to').value = BG.local(Date.parse(e.to));
    R.fromEvidence = { caseId: c.id, evidenceId };
    BG.showTab('replay');
    R.draw();
  };

  /** Fills the print-only report from the tracker's report of the pinned evidence and prints it. */
  C.print = async function (evidenceId) {
    const r = await BG.api.get('/api/v1/police/cases/' + C.current.case.id + '/report?evidenceId=' + evidenceId);
    C.lastReport = r;
    // the map printed above the report shows this evidence's trajectory
    const R = BG.replay;
    R.pause();
    R.tracks = [R.track({ tag: r.bike ? r.bike.plate : '', sightings: r.evidence.sightings }, '#e53e3e')];
    R.draw();
    $('report').innerHTML = C.reportHtml(r);
    document.body.classList.add('case-report');
    setTimeout(() => window.print(), 50);
  };

  /** Consecutive sightings at one station merge into one stay (as the replay does). */
  C.stays = function (rows) {
    const out = [];
    for (const s of rows) {
      const prev = out[out.length - 1];
      if (prev && prev.station === s.station && prev.tag === s.tag) { prev.last = s.lastSeen; continue; }
      out.push({ tag: s.tag, station: s.station, name: s.stationName || s.station, first: s.firstSeen, last: s.lastSeen });
    }
    return out;
  };

  C.reportHtml = function (r) {
    const c = r.case, b = r.bike || {}, e = r.evidence;
    const stays = C.stays(e.sightings);
    return '<div class="report-ref">' + BG.t('reference') + ': ' + BG.esc(r.reference) + ' · ' + BG.esc(c.caseNo || '') + '</div>'
      + '<h1>' + BG.t('reportTitle') + '</h1><table class="report-head"><tr><th>' + BG.t('caseNo') + '</th><td>' + BG.esc(c.caseNo || '#' + c.id)
      + '</td><th>' + BG.t('reference') + '</th><td id="report-reference">' + BG.esc(r.reference) + '</td></tr><tr><th>' + BG.t('bike')
      + '</th><td>' + BG.esc(b.plate) + ' ' + BG.esc([b.brand, b.model, b.colour].filter(Boolean).join(' ')) + '</td><th>' + BG.t('frameNo')
      + '</th><td>' + BG.esc(b.frameNo) + '</td></tr><tr><th>' + BG.t('stolenAt') + '</th><td>' + BG.esc(BG.fmt(c.stolenAt)) + ' · '
      + BG.esc(c.place) + '</td><th>' + BG.t('tagsOfBike') + '</th><td>' + BG.esc(e.tags.join(' → ')) + '</td></tr><tr><th>'
      + BG.t('evidence') + '</th><td>' + BG.esc(BG.fmt(e.compiledAt)) + ' · ' + BG.esc(e.compiledBy) + '</td><th>' + BG.t('window')
      + '</th><td>' + BG.esc(BG.fmt(e.from)) + ' – ' + BG.esc(BG.fmt(e.to)) + '</td></tr><tr><th>' + BG.t('officer') + '</th><td>'
      + BG.esc(r.generatedBy) + '</td><th>' + BG.t('generated') + '</th><td>' + BG.esc(BG.fmt(r.generatedAt)) + '</td></tr></table>'
      + '<table id="report-stays"><thead><tr><th>#</th><th>' + BG.t('stationName') + '</th><th>' + BG.t('tag') + '</th><th>' + BG.t('arrival')
      + '</th><th>' + BG.t('departure') + '</th><th>' + BG.t('stay') + ' (' + BG.t('minutes') + ')</th></tr></thead><tbody>'
      + (stays.length ? stays.map((s, i) => '<tr><td>' + (i + 1) + '</td><td>' + BG.esc(s.name) + '</td><td>' + BG.esc(s.tag) + '</td><td>'
        + BG.esc(BG.fmt(s.first)) + '</td><td>' + BG.esc(BG.fmt(s.last)) + '</td><td>'
        + Math.round((Date.parse(s.last) - Date.parse(s.first)) / 6000) / 10 + '</td></tr>').join('')
        : '<tr><td colspan="6">' + BG.t('noData') + '</td></tr>')
      + '</tbody></table>'
      + (r.notes.length ? '<h2>' + BG.t('notes') + '</h2><ol>' + r.notes.map(n => '<li>' + BG.esc(BG.t(n.kind)) + ' · ' + BG.esc(n.author)
        + ' · ' + BG.esc(BG.fmt(n.at)) + ': ' + BG.esc(n.text) + (n.next ? ' — ' + BG.t('nextSteps') + ': ' + BG.esc(n.next) : '') + '</li>').join('') + '</ol>' : '')
      + '<p class="signature">' + BG.t('signature') + ': ____________________</p>';
  };

  window.addEventListener('afterprint', () => document.body.classList.remove('case-report'));
})();
