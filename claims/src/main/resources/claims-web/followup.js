// What follows a claim's steps, in the console: the reserve and the letters on the claim page, the
// admins' outstanding reserves, and the wiring of activities (activities.js) and fraud review (review.js).
'use strict';

function reserveHtml(c) {
  if (!c.reserve) return '';
  const rows = c.reserve.changes.map((x) => '<li>' + esc(sh(x.at)) + ' ' + esc(x.by) + ' ' + esc(tc('rs.', x.reason)) + ' '
    + (x.changeFen > 0 ? '+' : '') + yuan(x.changeFen) + ' → ' + yuan(x.amountFen) + '</li>').join('');
  return '<p class="reserve">' + t('reserve') + t('sep') + '<b id="reserveNow">' + yuan(c.reserve.currentFen) + '</b></p>'
    + (rows ? '<details><summary>' + t('reserveHistory') + '</summary><ul id="reserveChanges">' + rows + '</ul></details>' : '');
}

// The owner's letters beside the settlement notice: the acknowledgement always, the denial once denied.
function lettersHtml(c) {
  return '<p class="letters"><button type="button" id="docAck">' + t('acknowledgement') + '</button>'
    + (c.status === 'denied' ? ' <button type="button" id="docDenial">' + t('denialLetter') + '</button>' : '') + '</p>';
}

// The claim page's part: reserve, letters, fraud review, activities.
function followUpHtml(c) {
  return reserveHtml(c) + lettersHtml(c) + reviewHtml(c) + activitiesHtml(c);
}

function wireFollowUp(c, act) {
  const base = '/api/v1/claims/' + c.id + '/documents/';
  document.getElementById('docAck').addEventListener('click', () => openPdf(base + 'acknowledgement.pdf'));
  const denial = document.getElementById('docDenial');
  if (denial) denial.addEventListener('click', () => openPdf(base + 'denial.pdf'));
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
