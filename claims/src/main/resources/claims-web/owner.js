'use strict';
// Owner view: each claim's status, due date and what is still missing; the owner signs the rights
// transfer of an approved theft claim here, after reading what it means (their own act: an adjuster
// signing for them must attach the owner's signed paper).

Object.assign(I18N.zh, {
  rightsTitle: '权益转让书',
  rightsText: '理赔款支付后，如车辆被找回，车辆归运营方所有；您也可以退回全部赔款领回车辆。签署后方可支付赔款。',
  rightsAgree: '我已阅读并同意权益转让书', rightsSigned: '已签署权益转让书', sep: '：'
});
Object.assign(I18N.en, {
  rightsTitle: 'Rights transfer',
  rightsText: 'Once the payout is paid, a bike found later belongs to the insurer; you may instead repay the whole payout '
    + 'and take the bike back. The payout is paid after you sign.',
  rightsAgree: 'I have read and agree to the rights transfer', rightsSigned: 'Rights transfer signed', sep: ': '
});

// An instant from the API (ISO-8601 UTC) as Asia/Shanghai local time, e.g. 2026-09-18 12:00.
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'
});
const localTime = (iso) => (iso ? SHANGHAI.format(new Date(iso)) : '—');

// State the browser tests read: how often the claims were drawn.
const OWNER = { renders: 0 };

function rightsHtml(c) {
  if (c.type !== 'theft') return '';
  if (c.rightsSignedAt) {
    return '<p class="signed">' + t('rightsSigned') + t('sep') + esc(localTime(c.rightsSignedAt)) + '</p>';
  }
  if (c.status !== 'approved') return '';
  return '<form class="stack rightsForm" data-claim="' + c.id + '"><b>' + t('rightsTitle') + '</b><span class="small">'
    + t('rightsText') + '</span><label><input type="checkbox" name="agree" required> ' + t('rightsAgree') + '</label>'
    + '<span><button name="sign" disabled>' + t('rights') + '</button> <span class="error"></span></span></form>';
}

function claimHtml(c) {
  const missing = c.papers && c.papers.missing.length
    ? '<p><b>' + t('missing') + t('sep') + '</b>' + c.papers.missing.map(t).join('、') + '</p>'
    : (c.papers ? '<p>' + t('nothingMissing') + '</p>' : '');
  const docs = ['approved', 'paid', 'returned', 'salvaged', 'settled'].includes(c.status)
    ? '<p><button data-pdf="/api/v1/claims/' + c.id + '/documents/settlement.pdf">' + t('settlement') + '</button>'
      + (c.type === 'theft' ? ' <button data-pdf="/api/v1/claims/' + c.id + '/documents/rights-transfer.pdf">'
        + t('rightsLetter') + '</button>' : '') + '</p>' : '';
  return '<section data-id="' + c.id + '"><h2>#' + c.id + ' · ' + t(c.type) + ' · ' + t(c.status) + '</h2><p>'
    + (c.plate ? t('plate') + ' ' + esc(c.plate) + ' · ' : '') + t('payout') + ' ' + yuan(c.payoutFen)
    + ' · ' + t('due') + ' ' + esc(c.dueDate || '—') + (c.dueDateProvisional ? ' (' + t('provisional') + ')' : '')
    + '</p>' + missing + rightsHtml(c) + docs + '</section>';
}

async function render() {
  const app = document.getElementById('app');
  try {
    const { claims } = await api('GET', '/api/v1/claims');
    app.innerHTML = claims.length === 0
      ? '<section><p class="muted">' + t('noClaims') + '</p></section>'
      : claims.map(claimHtml).join('');
  } catch (e) { app.innerHTML = '<section class="error">' + esc(e.message) + '</section>'; }
  OWNER.renders++;
}

// Handlers on the rendered claims (no inline handlers: the Content-Security-Policy forbids them).
const appEl = document.getElementById('app');
appEl.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-pdf]');
  if (b) openPdf(b.dataset.pdf);
});
appEl.addEventListener('change', (ev) => {
  const f = ev.target.closest('form.rightsForm');
  if (f) f.sign.disabled = !f.agree.checked;
});
appEl.addEventListener('submit', async (ev) => {
  const f = ev.target.closest('form.rightsForm');
  if (!f) return;
  ev.preventDefault();
  f.sign.disabled = true;
  try {
    await api('POST', '/api/v1/claims/' + f.dataset.claim + '/rights-transfer', {});
    await render();
  } catch (e) {
    f.querySelector('.error').textContent = e.message;
    f.sign.disabled = !f.agree.checked;
  }
});

applyI18n();
document.getElementById('lang').onclick = () => switchLang(render);
document.getElementById('logout').onclick = logout;
if (!token()) {
  document.getElementById('login').hidden = false;
  document.getElementById('loginForm').onsubmit = async (ev) => {
    ev.preventDefault();
    try { await login(ev.target.username.value, ev.target.password.value); location.reload(); } catch (e) {
      document.getElementById('loginError').textContent = e.message;
    }
  };
} else {
  document.getElementById('app').hidden = false;
  render();
}
