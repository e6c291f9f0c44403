// The fraud-review queue (its own view in the console) and the review form on a referred claim's
// page: cleared sends the claim back to normal handling, confirmed denies it with the reason.
'use strict';

const REVIEW = { renders: 0 };

async function loadReviews() {
  const r = await api('GET', '/api/v1/claims/fraud-review');
  const body = document.getElementById('reviewList');
  body.replaceChildren();
  if (r.claims.length === 0) body.appendChild(el('<tr><td colspan="5" class="muted">' + t('noReviews') + '</td></tr>'));
  for (const x of r.claims) {
    const tr = el('<tr class="clickable" data-id="' + x.claimId + '"><td>' + x.claimId + '</td><td>' + t(x.type) + '</td><td>'
      + esc(x.plate || '—') + '</td><td>' + (x.referredBy ? esc(x.referredBy) : '<span class="muted">' + t('signalsFromOpening') + '</span>')
      + '</td><td>' + esc(sh(x.referredAt)) + (x.signalCount ? ' <span class="badge warn">' + x.signalCount + '</span>' : '') + '</td></tr>');
    tr.addEventListener('click', () => showClaim(x.claimId).catch(showError));
    body.appendChild(tr);
  }
  REVIEW.renders++;
}

function reviewHtml(c) {
  const past = (c.fraudReviews || []).filter((r) => r.outcome).map((r) => '<li>' + esc(sh(r.reviewedAt)) + ' ' + esc(r.reviewer || '')
    + ' ' + esc(tc('rv.', r.outcome)) + (r.reason ? '：' + esc(r.reason) : '') + '</li>').join('');
  const pending = (c.fraudReviews || []).some((r) => !r.outcome) && c.status === 'referred';
  if (!past && !pending) return '';
  const form = pending ? '<form id="reviewForm" class="stack"><label><span>' + t('outcome') + '</span><select name="outcome">'
    + '<option value="cleared">' + t('cleared') + '</option><option value="confirmed">' + t('confirmed') + '</option></select></label>'
    + '<input name="reason" required maxlength="1000" placeholder="' + t('reason') + '">'
    + '<input name="clause" maxlength="1000" placeholder="' + t('clause') + '"><p><button>' + t('record') + '</button></p></form>' : '';
  return '<h2>' + t('review') + '</h2>' + (past ? '<ul class="reviews">' + past + '</ul>' : '') + form;
}

function wireReview(c, act) {
  act('reviewForm', 'submit', () => {
    const f = document.getElementById('reviewForm');
    const body = { outcome: f.outcome.value, reason: f.reason.value };
    if (f.clause.value.trim()) body.clause = f.clause.value.trim();
    return api('POST', '/api/v1/claims/' + c.id + '/fraud-review', body).then(() => loadReviews());
  });
}
