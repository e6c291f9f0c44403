// What follows a claim's steps, in the console: the reserve on the claim page, the admins'
// outstanding reserves, and the wiring of activities (activities.js) and fraud review (review.js).
'use strict';

function reserveHtml(c) {
  if (!c.reserve) return '';
  const rows = c.reserve.changes.map((x) => '<li>' + esc(sh(x.at)) + ' ' + esc(x.by) + ' ' + esc(tc('rs.', x.reason)) + ' '
    + (x.changeFen > 0 ? '+' : '') + yuan(x.changeFen) + ' → ' + yuan(x.amountFen) + '</li>').join('');
  return '<p class="reserve">' + t('reserve') + t('sep') + '<b id="reserveNow">' + yuan(c.reserve.currentFen) + '</b></p>'
    + (rows ? '<details><summary>' + t('reserveHistory') + '</summary><ul id="reserveChanges">' + rows + '</ul></details>' : '');
}

// The claim page's part: reserve, fraud review, activities.
function followUpHtml(c) {
  return reserveHtml(c) + reviewHtml(c) + activitiesHtml(c);
}

function wireFollowUp(c, act) {
  wireReview(c, act);
  wireActivities(c, act);
}

async function loadReserveSummary() {
  const box = document.getElementById('reserveBox');
  let r;
  try { r = await api('GET', '/api/v1/claims/reserves'); } catch (e) { box.hidden = true; return; } // admins only
  box.hidden = false;
  const rows = r.kinds.map((k) => '<tr><td>' + t(k.kind) + '</td><td>' + k.claims + ' ' + t('claimsN') + '</td><td>' + yuan(k.outstandingFen) + '</td></tr>').join('');
  document.getElementById('reserveSummary').replaceChildren(el('<table><tbody>' + rows + '<tr><th>' + t('reservesTotal')
    + '</th><td></td><th id="reservesTotal">' + yuan(r.totalFen) + '</th></tr></tbody></table>'));
}

// Redraws the follow-up views (after a step, or the language switch).
function loadFollowUp() {
  return Promise.all([loadActivities(), loadReviews(), loadReserveSummary()]);
}

function startFollowUp() {
  wireActivityViews();
  loadFollowUp().catch(showError);
}
