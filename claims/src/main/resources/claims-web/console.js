// Adjuster console: the work list (due date, unknown first; search, my claims, paging on the
// server), the first notice of a liability claim, the working-day calculator and the reports.
// The claim page is in claim.js. No inline script or style: the tracker's CSP forbids both.
'use strict';

// State the browser tests read: what the list shows and how often it was drawn.
const CONSOLE = { q: '', mine: false, page: 1, size: 20, pages: 1, total: 0, renders: 0 };

function dueCell(c) {
  if (!c.dueDate) return c.dueDateError ? '<span class="error">' + t('dueUnknown') + '</span>' : '<span class="muted">—</span>';
  return esc(c.dueDate) + (c.dueDateProvisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '')
    + (c.overdue ? ' <span class="badge bad">' + t('overdue') + '</span>' : '');
}

function queueRow(c) {
  const tr = el('<tr class="clickable' + (c.overdue ? ' overdue' : '') + '" data-id="' + c.id + '"><td>' + c.id + '</td><td>'
    + t(c.type) + '</td><td>' + t(c.status) + '</td><td>' + dueCell(c) + '</td><td>'
    + (c.assignee ? esc(c.assignee) : '<span class="muted">' + t('unassigned') + '</span>') + '</td><td>'
    + (c.signalCount ? '<span class="badge warn">' + c.signalCount + '</span>' : '') + '</td></tr>');
  tr.addEventListener('click', () => showClaim(c.id));
  return tr;
}

async function loadQueue() {
  const params = new URLSearchParams({ page: CONSOLE.page, size: CONSOLE.size });
  if (CONSOLE.q) params.set('q', CONSOLE.q);
  if (CONSOLE.mine) params.set('mine', 'true');
  const r = await api('GET', '/api/v1/claims/worklist?' + params);
  if (r.page > r.pages && r.total > 0) { CONSOLE.page = r.pages; return loadQueue(); }
  Object.assign(CONSOLE, { pages: r.pages, total: r.total });
  const body = document.getElementById('queue');
  body.replaceChildren();
  if (r.claims.length === 0) {
    body.appendChild(el('<tr><td colspan="6" class="muted">' + t(CONSOLE.q || CONSOLE.mine ? 'noMatch' : 'noClaims') + '</td></tr>'));
  }
  for (const c of r.claims) body.appendChild(queueRow(c));
  document.getElementById('pageInfo').textContent = tf('pageOf', { p: r.page, n: r.pages, t: r.total });
  document.getElementById('prevPage').disabled = r.page <= 1;
  document.getElementById('nextPage').disabled = r.page >= r.pages;
  await loadReceivables();
  CONSOLE.renders++;
}

// The open receivables (money owed back), oldest first; a row opens its claim.
async function loadReceivables() {
  const { receivables } = await api('GET', '/api/v1/claims/receivables');
  const body = document.getElementById('receivableList');
  body.replaceChildren();
  if (receivables.length === 0) body.appendChild(el('<tr><td colspan="4" class="muted">' + t('noOpenReceivables') + '</td></tr>'));
  for (const r of receivables) {
    const tr = el('<tr class="clickable" data-claim="' + r.claimId + '"><td>' + r.claimId + '</td><td>' + esc(t('rcv.' + r.reason))
      + '</td><td>' + yuan(r.amountFen) + '</td><td>' + esc(sh(r.openedAt)) + '</td></tr>');
    tr.addEventListener('click', () => showClaim(r.claimId).catch(showError));
    body.appendChild(tr);
  }
  CONSOLE.receivables = receivables.length;
}

function showError(e) {
  const box = document.getElementById('err') || document.getElementById('claim');
  box.replaceChildren(el('<p class="error">' + esc(e.message) + '</p>'));
}

function wireQueue() {
  document.getElementById('searchForm').addEventListener('submit', (ev) => {
    ev.preventDefault();
    CONSOLE.q = ev.target.q.value.trim();
    CONSOLE.mine = ev.target.mine.checked;
    CONSOLE.page = 1;
    loadQueue().catch(showError);
  });
  document.getElementById('prevPage').addEventListener('click', () => { CONSOLE.page--; loadQueue().catch(showError); });
  document.getElementById('nextPage').addEventListener('click', () => { CONSOLE.page++; loadQueue().catch(showError); });
}

function partyRow() {
  return el('<div class="party"><input name="partyName" data-i18n-ph="partyName" placeholder="' + t('partyName') + '">'
    + '<input name="partyId" maxlength="18" class="id" data-i18n-ph="idNumber" placeholder="' + t('idNumber') + '">'
    + '<input name="partyPhone" data-i18n-ph="phone" placeholder="' + t('phone') + '"></div>');
}

// Local Asia/Shanghai time from <input type=datetime-local> as an instant with offset.
const shanghai = (local) => (local.length === 16 ? local + ':00' : local) + '+08:00';

function wireNotice() {
  const parties = document.getElementById('parties');
  parties.appendChild(partyRow());
  document.getElementById('addParty').addEventListener('click', () => parties.appendChild(partyRow()));
  document.getElementById('noticeForm').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const out = document.getElementById('noticeError');
    out.textContent = '';
    const list = [...parties.querySelectorAll('.party')].map((p) => ({
      name: p.querySelector('[name=partyName]').value.trim(),
      idNumber: p.querySelector('[name=partyId]').value.trim().toUpperCase(),
      phone: p.querySelector('[name=partyPhone]').value.trim()
    })).filter((p) => p.name || p.idNumber || p.phone);
    const bad = list.find((p) => !validIdNumber(p.idNumber));
    if (bad) { out.textContent = t('badIdNumber') + t('sep') + (bad.idNumber || bad.name); return; }
    try {
      const r = await api('POST', '/api/v1/claims', {
        type: 'liability', policyId: f.policyId.value.trim(), occurredAt: shanghai(f.occurredAt.value),
        place: f.place.value, damage: f.damage.value, description: f.description.value, parties: list
      });
      f.reset();
      parties.replaceChildren(partyRow());
      await loadQueue();
      await showClaim(r.id);
    } catch (e) { out.textContent = e.message; }
  });
}

function wireTools() {
  document.getElementById('calc').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const out = document.getElementById('calcResult');
    try {
      const r = await api('GET', '/api/v1/calendar/working-days?from=' + ev.target.from.value + '&days=' + ev.target.days.value);
      out.replaceChildren(el('<p><b>' + esc(r.date) + '</b>' + (r.provisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '') + '</p>'));
    } catch (e) { out.replaceChildren(el('<p class="error">' + esc(e.message) + '</p>')); }
  });
  const month = () => document.querySelector('#reports [name=month]').value;
  document.getElementById('bordereau').addEventListener('click', () => openPdf('/api/v1/reports/bordereau.pdf?month=' + month()));
  document.getElementById('lossRatio').addEventListener('click', () => openPdf('/api/v1/reports/loss-ratio.pdf?to=' + month()));
}

// From 1 November an admin is told when next year's official holiday notice is not loaded
// (deadlines reaching that year are then provisional); the server decides, for admins only.
let calendarWarning = null;

function renderCalendarWarning() {
  const box = document.getElementById('calendarWarning');
  box.hidden = !calendarWarning;
  box.textContent = calendarWarning ? (lang === 'zh' ? calendarWarning.messageZh : calendarWarning.message) : '';
}

async function loadCalendarWarning() {
  calendarWarning = (await api('GET', '/api/v1/calendar/years')).nextYearWarning || null;
  renderCalendarWarning();
  CONSOLE.calendarChecked = true;
}

function start() {
  applyI18n();
  document.getElementById('lang').addEventListener('click', () => switchLang(() => {
    renderCalendarWarning();
    loadQueue().catch(showError);
    loadFollowUp().catch(showError);
    if (current) showClaim(current.id).catch(showError);
  }));
  document.getElementById('logout').addEventListener('click', logout);
  if (!token()) {
    document.getElementById('login').hidden = false;
    document.getElementById('loginForm').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try { await login(ev.target.username.value, ev.target.password.value); location.reload(); } catch (e) {
        document.getElementById('loginError').textContent = e.message;
      }
    });
    return;
  }
  document.getElementById('app').hidden = false;
  wireQueue();
  wireNotice();
  wireTools();
  loadQueue().catch(showError);
  startFollowUp();
  loadCalendarWarning().catch(showError);
}

start();
