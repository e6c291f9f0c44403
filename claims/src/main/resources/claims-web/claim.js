// The claim page of the adjuster console: head, assignment, signals, evidence, papers (theft) or
// notice/assessment/settlement/attachments (liability, liability.js), decision, payment, recovery,
// documents, notes and history. Handlers are attached with addEventListener (no inline handlers).
'use strict';

let current = null;

// A translated code: the key under prefix when known, else the code itself.
const tc = (prefix, code) => (I18N[lang][prefix + code] !== undefined ? I18N[lang][prefix + code] : code);

function papersHtml(c) {
  if (!c.papers) return '';
  const rec = Object.entries(c.papers.received).map(([k, v]) => t(k) + ' ' + esc(v)).join('，') || t('none');
  const boxes = ['police-receipt', 'invoice', 'id-card', 'registration']
    .filter((p) => c.papers.missing.includes(p))
    .map((p) => '<label><input type="checkbox" name="p" value="' + p + '"> ' + t(p) + '</label>').join(' ');
  return '<h2>' + t('papers') + '</h2><p>' + t('received') + t('sep') + rec + '</p>'
    + (c.papers.missing.length === 0 ? '<p>' + t('nothingMissing') + '（' + esc(c.papersCompleteAt) + '）</p>'
      : '<form class="inline" id="papersForm">' + boxes + ' <input type="date" name="receivedAt" title="' + t('receivedAt')
        + '"> <button>' + t('markReceived') + '</button></form>');
}

function signalsHtml(c) {
  const list = (c.signals || []).map((s) => '<div class="signal" data-code="' + esc(s.code) + '"><b>' + esc(tc('sig.', s.code)) + '</b>'
    + '<div class="muted small">' + esc(s.code) + ' — ' + esc(s.reason) + '</div></div>').join('');
  return '<h2>' + t('signals') + '</h2>' + (list || '<p class="muted">' + t('none') + '</p>');
}

function evidenceHtml(c) {
  if (!c.evidence || !c.evidence.trajectory) return '';
  const last = (c.evidence['last-sightings'] || {}).points || [];
  return '<h2>' + t('evidence') + '</h2>' + trajectorySvg(c.evidence.trajectory.points)
    + '<p class="muted">' + t('lastSightings') + t('sep') + (last.map((p) => esc(p.name || p.station) + ' ' + esc(p.lastSeen)).join('；') || t('none')) + '</p>';
}

// Money owed back on the claim: each receivable with its state; the open ones take the receipt.
function receivablesHtml(c) {
  const list = c.receivables || [];
  if (list.length === 0) return '';
  const rows = list.map((r) => '<tr data-rid="' + r.id + '"><td>' + esc(tc('rcv.', r.reason)) + '</td><td>' + yuan(r.amountFen)
    + '</td><td>' + esc(sh(r.openedAt)) + ' ' + esc(r.openedBy) + '</td><td>'
    + (r.state === 'received'
      ? '<span class="badge">' + t('rcvReceived') + '</span> ' + esc(sh(r.receivedAt)) + ' ' + esc(r.receivedBy)
        + (r.receiptReference ? ' · ' + esc(r.receiptReference) : '')
      : '<span class="badge warn">' + t('rcvOpen') + '</span> <form class="inline receiptForm" data-rid="' + r.id + '">'
        + '<input name="reference" maxlength="200" placeholder="' + t('receiptRef') + '"><button>' + t('recordReceipt') + '</button></form>')
    + '</td></tr>').join('');
  return '<h2>' + t('receivables') + '</h2><div class="scroll"><table id="receivables"><thead><tr><th>' + t('rcvReason') + '</th><th>'
    + t('rcvAmount') + '</th><th>' + t('rcvOpened') + '</th><th>' + t('status') + '</th></tr></thead><tbody>' + rows + '</tbody></table></div>';
}

// Four eyes: the second adjuster's approval, while one is pending.
function secondApprovalHtml(c) {
  const fe = c.fourEyes;
  if (!fe || !fe.secondApprovalNeeded || fe.secondApprovedBy || !['approved', 'settled'].includes(c.status)) return '';
  return '<h2>' + t('secondApproval') + '</h2><p class="muted small">' + t('secondApprovalHint') + '</p>'
    + '<form class="inline" id="secondForm"><input name="reason" required class="grow" placeholder="' + t('reason') + '"><button>'
    + t('approve') + '</button></form>';
}

function actionsHtml(c) {
  const decide = ['open', 'referred', 'approved', 'assessed'].includes(c.status)
    ? '<h2>' + t('decision') + '</h2><form class="inline" id="decisionForm"><select name="decision">'
      + (c.type === 'theft' ? '<option value="approve">' + t('approve') + '</option>' : '') + '<option value="refer">' + t('refer') + '</option>'
      + '<option value="deny">' + t('deny') + '</option></select><input name="reason" required placeholder="' + t('reason')
      + '" class="grow"><button>' + t('submit') + '</button></form>' : '';
  const pay = (c.status === 'approved' || c.status === 'settled')
    ? '<h2>' + t('payment') + '</h2><form class="inline" id="payForm">'
      + (c.type === 'theft' && !c.rightsSignedAt ? '<button type="button" id="rightsBtn">' + t('rights') + '</button>' : '')
      + '<input name="reference" placeholder="' + t('reference') + '"><button>' + t('pay') + '</button></form>'
    : (c.status === 'paid' ? '<h2>' + t('payment') + '</h2><form class="inline" id="bouncedForm"><input name="reference" maxlength="200" placeholder="'
      + t('reference') + '"><button>' + t('paymentReturned') + '</button></form>' : '');
  const found = c.type === 'theft' && ['open', 'referred', 'approved', 'denied', 'paid'].includes(c.status)
    ? '<h2>' + t('recovery') + '</h2><form class="inline" id="recoveryForm">'
      + (c.status === 'paid' ? '<select name="resolution"><option value="return">' + t('return') + '</option><option value="salvage">'
        + t('salvage') + '</option></select>' : '') + '<button>' + t('found') + '</button></form>' : '';
  const docs = ['approved', 'paid', 'returned', 'salvaged', 'settled'].includes(c.status)
    ? '<h2>' + t('documents') + '</h2><button type="button" id="docSettlement">' + t('settlement') + '</button> '
      + (c.type === 'theft' ? '<button type="button" id="docRights">' + t('rightsLetter') + '</button>' : '') : '';
  return decide + secondApprovalHtml(c) + pay + found + receivablesHtml(c) + docs;
}

function workHtml(w) {
  const who = w.assignee ? esc(w.assignee) + ' <span class="muted small">(' + esc(w.assignedBy) + ' ' + esc(sh(w.assignedAt)) + ')</span>'
    : '<span class="muted">' + t('unassigned') + '</span>';
  return '<p class="assignment">' + t('assignee') + t('sep') + '<span id="assignee">' + who + '</span></p>'
    + '<form class="inline" id="assignForm"><button type="button" id="takeBtn">' + t('take') + '</button>'
    + '<input name="assignee" maxlength="100" required placeholder="' + t('assignTo') + '"><button>' + t('assign') + '</button></form>';
}

function notesHtml(w) {
  const list = w.notes.map((n) => '<li><span class="muted small">' + esc(sh(n.at)) + ' ' + esc(n.author) + '</span><br>' + esc(n.text) + '</li>').join('');
  return '<h2>' + t('notes') + '</h2><ul id="notes" class="notes">' + (list || '<li class="muted">' + t('noNotes') + '</li>') + '</ul>'
    + '<form id="noteForm" class="inline"><textarea name="text" rows="2" maxlength="4000" required class="grow" placeholder="'
    + t('notePh') + '"></textarea><button>' + t('addNote') + '</button></form>';
}

function eventsHtml(c) {
  return '<h2>' + t('events') + '</h2><ul class="events">' + c.events.map((e) => '<li>' + esc(sh(e.at)) + ' ' + esc(e.actor) + ' '
    + esc(tc('ev.', e.action)) + '</li>').join('') + '</ul>';
}

async function showClaim(id) {
  const [c, w] = await Promise.all([api('GET', '/api/v1/claims/' + id), api('GET', '/api/v1/claims/' + id + '/work')]);
  current = c;
  const box = document.getElementById('claim');
  const head = '<h2>#' + c.id + ' · ' + t(c.type) + ' · ' + t(c.status) + '</h2><p>'
    + (c.type === 'theft' ? t('caseNo') + ' ' + esc(c.caseNo) + ' · ' + t('plate') + ' ' + esc(c.plate) + ' · ' + t('stolenAt') + ' '
      + esc(sh(c.stolenAt)) + '<br>' : '')
    + t('payout') + ' ' + yuan(c.payoutFen) + ' · ' + t('due') + ' ' + esc(c.dueDate || '—')
    + (c.dueDateProvisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '')
    + (c.overdue ? ' <span class="badge bad">' + t('overdue') + '</span>' : '') + (c.dueDateError ? ' <span class="error">' + esc(c.dueDateError) + '</span>' : '') + '</p>';
  const body = c.type === 'theft' ? evidenceHtml(c) + papersHtml(c) : liabilityHtml(c);
  box.innerHTML = head + workHtml(w) + '<div id="err" class="error"></div>' + signalsHtml(c) + body + followUpHtml(c) + actionsHtml(c) + notesHtml(w) + eventsHtml(c);
  box.dataset.claim = c.id;
  wire(c);
}

function wire(c) {
  const base = '/api/v1/claims/' + c.id;
  const run = async (fn) => {
    try { await fn(); await showClaim(c.id); await loadQueue(); await loadFollowUp(); } catch (e) { document.getElementById('err').textContent = e.message; }
  };
  // Runs fn on the element's event (a form's submit is not sent); redraws the page and the list after.
  const act = (id, evt, fn) => {
    const x = document.getElementById(id);
    if (x) x.addEventListener(evt, (ev) => { ev.preventDefault(); run(fn); });
  };
  act('papersForm', 'submit', () => {
    const f = document.getElementById('papersForm');
    const body = { received: [...f.querySelectorAll('input[name=p]:checked')].map((i) => i.value) };
    if (f.receivedAt.value) body.receivedAt = f.receivedAt.value;
    return api('POST', base + '/papers', body);
  });
  act('decisionForm', 'submit', () => {
    const f = document.getElementById('decisionForm');
    return api('POST', base + '/decision', { decision: f.decision.value, reason: f.reason.value });
  });
  act('rightsBtn', 'click', () => api('POST', base + '/rights-transfer'));
  act('secondForm', 'submit', () => api('POST', base + '/second-approval', { reason: document.getElementById('secondForm').reason.value }));
  act('bouncedForm', 'submit', () => {
    const ref = document.getElementById('bouncedForm').reference.value.trim();
    return api('POST', base + '/payment-returned', ref ? { reference: ref } : {});
  });
  document.querySelectorAll('form.receiptForm').forEach((f) => f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ref = f.reference.value.trim();
    run(() => api('POST', '/api/v1/claims/receivables/' + f.dataset.rid + '/receipt', ref ? { reference: ref } : {}));
  }));
  act('payForm', 'submit', () => api('POST', base + '/payment', { reference: document.getElementById('payForm').reference.value }));
  act('recoveryForm', 'submit', () => {
    const f = document.getElementById('recoveryForm');
    return api('POST', base + '/recovery', f.resolution ? { resolution: f.resolution.value } : {});
  });
  act('takeBtn', 'click', () => api('POST', base + '/assignment'));
  act('assignForm', 'submit', () => api('POST', base + '/assignment', { assignee: document.getElementById('assignForm').assignee.value.trim() }));
  act('noteForm', 'submit', () => api('POST', base + '/notes', { text: document.getElementById('noteForm').text.value }));
  const d1 = document.getElementById('docSettlement');
  if (d1) d1.addEventListener('click', () => openPdf(base + '/documents/settlement.pdf'));
  const d2 = document.getElementById('docRights');
  if (d2) d2.addEventListener('click', () => openPdf(base + '/documents/rights-transfer.pdf'));
  wireFollowUp(c, act);
  if (c.type === 'liability') wireLiability(c, act);
}
