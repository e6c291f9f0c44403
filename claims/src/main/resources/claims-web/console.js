// Adjuster console: queue by SLA due date, claim page with evidence map, signals, papers,
// decision, payment, recovery and documents.
'use strict';

let current = null;

async function loadQueue() {
  const { claims } = await api('GET', '/api/v1/claims/queue');
  const body = document.getElementById('queue');
  body.innerHTML = '';
  if (claims.length === 0) body.appendChild(el('<tr><td colspan="6" class="muted">' + t('noClaims') + '</td></tr>'));
  for (const c of claims) {
    const due = c.dueDate ? esc(c.dueDate) + (c.dueDateProvisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '')
      + (c.overdue ? ' <span class="badge bad">' + t('overdue') + '</span>' : '') : (c.dueDateError ? '<span class="error">!</span>' : '—');
    const tr = el('<table><tr class="clickable' + (c.overdue ? ' overdue' : '') + '"><td>' + c.id + '</td><td>' + t(c.type)
      + '</td><td>' + t(c.status) + '</td><td>' + due + '</td><td>' + yuan(c.payoutFen) + '</td><td>'
      + (c.signalCount ? '<span class="badge warn">' + c.signalCount + '</span>' : '') + '</td></tr></table>').querySelector('tr');
    tr.onclick = () => showClaim(c.id);
    body.appendChild(tr);
  }
}

function papersHtml(c) {
  if (!c.papers) return '';
  const rec = Object.entries(c.papers.received).map(([k, v]) => t(k) + ' ' + esc(v)).join('，') || t('none');
  const boxes = ['police-receipt', 'invoice', 'id-card', 'registration']
    .filter((p) => c.papers.missing.includes(p))
    .map((p) => '<label><input type="checkbox" name="p" value="' + p + '"> ' + t(p) + '</label>').join(' ');
  return '<h2 data-i18n="papers">' + t('papers') + '</h2><p>' + t('received') + '：' + rec + '</p>'
    + (c.papers.missing.length === 0 ? '<p>' + t('nothingMissing') + '（' + esc(c.papersCompleteAt) + '）</p>'
      : '<form class="inline" id="papersForm">' + boxes + ' <input type="date" name="receivedAt" title="' + t('receivedAt')
        + '"> <button>' + t('markReceived') + '</button></form>');
}

function signalsHtml(c) {
  const list = (c.signals || []).map((s) => '<div class="signal"><b>' + esc(s.code) + '</b> — ' + esc(s.reason) + '</div>').join('');
  return '<h2>' + t('signals') + '</h2>' + (list || '<p class="muted">' + t('none') + '</p>');
}

function evidenceHtml(c) {
  if (!c.evidence || !c.evidence.trajectory) return '';
  const last = (c.evidence['last-sightings'] || {}).points || [];
  return '<h2>' + t('evidence') + '</h2>' + trajectorySvg(c.evidence.trajectory.points)
    + '<p class="muted">' + t('lastSightings') + '：' + (last.map((p) => esc(p.name || p.station) + ' ' + esc(p.lastSeen)).join('；') || t('none')) + '</p>';
}

function actionsHtml(c) {
  const decide = ['open', 'referred', 'approved', 'assessed'].includes(c.status)
    ? '<h2>' + t('decision') + '</h2><form class="inline" id="decisionForm"><select name="decision">'
      + (c.type === 'theft' ? '<option value="approve">' + t('approve') + '</option><option value="refer">' + t('refer') + '</option>' : '')
      + '<option value="deny">' + t('deny') + '</option></select><input name="reason" required placeholder="' + t('reason')
      + '" size="30"><button>' + t('submit') + '</button></form>' : '';
  const pay = (c.status === 'approved' || c.status === 'settled')
    ? '<h2>' + t('payment') + '</h2><form class="inline" id="payForm">'
      + (c.type === 'theft' && !c.rightsSignedAt ? '<button type="button" id="rightsBtn">' + t('rights') + '</button>' : '')
      + '<input name="reference" placeholder="' + t('reference') + '"><button>' + t('pay') + '</button></form>' : '';
  const found = c.type === 'theft' && ['open', 'referred', 'approved', 'denied', 'paid'].includes(c.status)
    ? '<h2>' + t('recovery') + '</h2><form class="inline" id="recoveryForm">'
      + (c.status === 'paid' ? '<select name="resolution"><option value="return">' + t('return') + '</option><option value="salvage">'
        + t('salvage') + '</option></select>' : '') + '<button>' + t('found') + '</button></form>' : '';
  const docs = ['approved', 'paid', 'returned', 'salvaged', 'settled'].includes(c.status)
    ? '<h2>' + t('documents') + '</h2><button type="button" id="docSettlement">' + t('settlement') + '</button> '
      + (c.type === 'theft' ? '<button type="button" id="docRights">' + t('rightsLetter') + '</button>' : '') : '';
  return decide + pay + found + docs;
}

async function showClaim(id) {
  const c = await api('GET', '/api/v1/claims/' + id);
  current = c;
  const box = document.getElementById('claim');
  const head = '<h2>#' + c.id + ' · ' + t(c.type) + ' · ' + t(c.status) + '</h2><p>'
    + (c.type === 'theft' ? t('caseNo') + ' ' + esc(c.caseNo) + ' · ' + t('plate') + ' ' + esc(c.plate) + ' · ' + t('stolenAt') + ' '
      + esc(c.stolenAt) + '<br>' : esc(c.place) + ' · ' + esc(c.occurredAt) + '<br>')
    + t('payout') + ' ' + yuan(c.payoutFen) + ' · ' + t('due') + ' ' + esc(c.dueDate || '—')
    + (c.overdue ? ' <span class="badge bad">' + t('overdue') + '</span>' : '') + (c.dueDateError ? ' <span class="error">' + esc(c.dueDateError) + '</span>' : '') + '</p>';
  const events = '<h2>' + t('events') + '</h2><ul>' + c.events.map((e) => '<li>' + esc(e.at) + ' ' + esc(e.actor) + ' ' + esc(e.action) + '</li>').join('') + '</ul>';
  box.innerHTML = head + '<div id="err" class="error"></div>' + signalsHtml(c) + evidenceHtml(c) + papersHtml(c) + actionsHtml(c) + events;
  wire(c);
}

function wire(c) {
  const base = '/api/v1/claims/' + c.id;
  const act = (fn) => async (ev) => {
    if (ev) ev.preventDefault();
    try { await fn(); await showClaim(c.id); await loadQueue(); } catch (e) { document.getElementById('err').textContent = e.message; }
  };
  const on = (id, evt, fn) => { const x = document.getElementById(id); if (x) x[evt] = act(fn); };
  on('papersForm', 'onsubmit', () => {
    const f = document.getElementById('papersForm');
    const received = [...f.querySelectorAll('input[name=p]:checked')].map((i) => i.value);
    const body = { received };
    if (f.receivedAt.value) body.receivedAt = f.receivedAt.value;
    return api('POST', base + '/papers', body);
  });
  on('decisionForm', 'onsubmit', () => {
    const f = document.getElementById('decisionForm');
    return api('POST', base + '/decision', { decision: f.decision.value, reason: f.reason.value });
  });
  on('rightsBtn', 'onclick', () => api('POST', base + '/rights-transfer'));
  on('payForm', 'onsubmit', () => api('POST', base + '/payment', { reference: document.getElementById('payForm').reference.value }));
  on('recoveryForm', 'onsubmit', () => {
    const f = document.getElementById('recoveryForm');
    return api('POST', base + '/recovery', f.resolution ? { resolution: f.resolution.value } : {});
  });
  const d1 = document.getElementById('docSettlement');
  if (d1) d1.onclick = () => openPdf(base + '/documents/settlement.pdf');
  const d2 = document.getElementById('docRights');
  if (d2) d2.onclick = () => openPdf(base + '/documents/rights-transfer.pdf');
}

function start() {
  applyI18n();
  document.getElementById('lang').onclick = () => switchLang(() => current && showClaim(current.id).then(loadQueue));
  document.getElementById('logout').onclick = logout;
  if (!token()) {
    document.getElementById('login').hidden = false;
    document.getElementById('loginForm').onsubmit = async (ev) => {
      ev.preventDefault();
      try { await login(ev.target.username.value, ev.target.password.value); location.reload(); } catch (e) {
        document.getElementById('loginError').textContent = e.message;
      }
    };
    return;
  }
  document.getElementById('app').hidden = false;
  document.getElementById('calc').onsubmit = async (ev) => {
    ev.preventDefault();
    const out = document.getElementById('calcResult');
    try {
      const r = await api('GET', '/api/v1/calendar/working-days?from=' + ev.target.from.value + '&days=' + ev.target.days.value);
      out.innerHTML = '<b>' + esc(r.date) + '</b>' + (r.provisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '');
    } catch (e) { out.innerHTML = '<span class="error">' + esc(e.message) + '</span>'; }
  };
  const month = () => document.querySelector('#reports [name=month]').value;
  document.getElementById('bordereau').onclick = () => openPdf('/api/v1/reports/bordereau.pdf?month=' + month());
  document.getElementById('lossRatio').onclick = () => openPdf('/api/v1/reports/loss-ratio.pdf?to=' + month());
  loadQueue().catch((e) => { document.getElementById('claim').innerHTML = '<p class="error">' + esc(e.message) + '</p>'; });
}

start();
