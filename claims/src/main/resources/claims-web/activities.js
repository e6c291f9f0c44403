// Activities: the claim page's list (done buttons, a form to add one with a date or a number of
// working days) and the work-list view of my activities or the overdue ones across claims.
'use strict';

const ACTIVITIES = { view: 'mine', renders: 0 };

const actText = (a) => (a.kind ? tc('act.', a.kind) : a.text);

function dueBadges(a) {
  return esc(a.dueDate || '—') + (a.dueProvisional ? ' <span class="badge warn">' + t('provisional') + '</span>' : '')
    + (a.overdue ? ' <span class="badge bad">' + t('overdue') + '</span>' : '');
}

function activityItem(a) {
  const state = a.doneAt ? '<span class="muted small">' + t('doneBy') + ' ' + esc(a.doneBy) + ' ' + esc(sh(a.doneAt)) + '</span>'
    : '<button type="button" class="doneBtn" data-aid="' + a.id + '">' + t('doneBtn') + '</button>';
  return '<li data-aid="' + a.id + '"' + (a.doneAt ? ' class="done"' : '') + '><b>' + esc(actText(a)) + '</b> · ' + t('dueOn') + ' '
    + dueBadges(a) + ' · ' + (a.assignee ? esc(a.assignee) : '<span class="muted">' + t('unassigned') + '</span>') + ' ' + state + '</li>';
}

function activitiesHtml(c) {
  const list = (c.activities || []).map(activityItem).join('');
  return '<h2>' + t('activities') + '</h2><ul id="activities" class="activities">'
    + (list || '<li class="muted">' + t('noActivities') + '</li>') + '</ul>'
    + '<form id="activityForm" class="inline"><input name="text" required maxlength="500" class="grow" placeholder="' + t('activityPh') + '">'
    + '<input name="assignee" maxlength="100" placeholder="' + t('assigneeOpt') + '">'
    + '<input type="date" name="dueDate" title="' + t('dueDateOpt') + '">'
    + '<input type="number" name="days" min="1" max="366" class="narrow" placeholder="' + t('dueDaysOpt') + '" title="' + t('dueDaysOpt') + '">'
    + '<button>' + t('addActivity') + '</button></form>';
}

function wireActivities(c, act) {
  const base = '/api/v1/claims/' + c.id + '/activities';
  act('activityForm', 'submit', () => {
    const f = document.getElementById('activityForm');
    const body = { text: f.text.value };
    if (f.assignee.value.trim()) body.assignee = f.assignee.value.trim();
    if (f.dueDate.value) body.dueDate = f.dueDate.value;
    if (f.days.value) body.dueInWorkingDays = Number(f.days.value);
    return api('POST', base, body);
  });
  document.querySelectorAll('#activities .doneBtn').forEach((b) => {
    b.id = 'done-' + b.dataset.aid;
    act(b.id, 'click', () => api('POST', base + '/' + b.dataset.aid + '/done'));
  });
}

async function loadActivities() {
  const q = ACTIVITIES.view === 'overdue' ? 'overdue=true' : 'mine=true';
  const r = await api('GET', '/api/v1/claims/activities?' + q);
  const body = document.getElementById('activityList');
  body.replaceChildren();
  if (r.activities.length === 0) body.appendChild(el('<tr><td colspan="4" class="muted">' + t('noActivities') + '</td></tr>'));
  for (const a of r.activities) {
    const tr = el('<tr class="clickable' + (a.overdue ? ' overdue' : '') + '" data-id="' + a.claimId + '"><td>' + a.claimId + '</td><td>'
      + esc(actText(a)) + '</td><td>' + dueBadges(a) + '</td><td>' + (a.assignee ? esc(a.assignee) : '—') + '</td></tr>');
    tr.addEventListener('click', () => showClaim(a.claimId).catch(showError));
    body.appendChild(tr);
  }
  document.getElementById('actMine').classList.toggle('active', ACTIVITIES.view === 'mine');
  document.getElementById('actOverdue').classList.toggle('active', ACTIVITIES.view === 'overdue');
  ACTIVITIES.renders++;
}

function wireActivityViews() {
  document.getElementById('actMine').addEventListener('click', () => { ACTIVITIES.view = 'mine'; loadActivities().catch(showError); });
  document.getElementById('actOverdue').addEventListener('click', () => { ACTIVITIES.view = 'overdue'; loadActivities().catch(showError); });
}
