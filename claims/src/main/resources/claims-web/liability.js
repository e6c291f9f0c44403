// Liability claims in the console: the first notice as reported, the assessment per head of damage
// with the rider's fault share and per-person limits keyed by identity number, settlement, and the
// attachments (pictures inline, PDFs and other files as links). Amounts on screen in yuan, in the
// API in fen.
'use strict';

// GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character.
function validIdNumber(id) {
  if (!/^\d{17}[\dX]$/.test(id || '')) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * w[i];
  return '10X98765432'[sum % 11] === id[17];
}

const toFen = (yuanText) => Math.round(Number(yuanText) * 100);

function noticeHtml(c) {
  const n = c.notice || {};
  const parties = (n.parties || []).map((p) => '<li>' + esc(p.name) + ' · ' + esc(p.idNumber) + (p.phone ? ' · ' + esc(p.phone) : '') + '</li>').join('');
  return '<h2>' + t('notice') + '</h2><p>' + t('occurredAt') + ' ' + esc(sh(c.occurredAt)) + ' · ' + t('place') + ' ' + esc(c.place)
    + (n.damage ? '<br>' + t('damage') + t('sep') + esc(n.damage) : '') + (n.description ? '<br>' + t('description') + t('sep') + esc(n.description) : '')
    + '</p><p>' + t('parties') + t('sep') + '</p><ul class="parties">' + (parties || '<li class="muted">' + t('none') + '</li>') + '</ul>';
}

function itemRow(c) {
  const opts = ['death-disability', 'medical', 'property'].map((h) => '<option value="' + h + '">' + t(h) + '</option>').join('');
  return el('<div class="item"><select name="head">' + opts + '</select>'
    + '<input name="idNumber" class="id" maxlength="18" list="partyIds" placeholder="' + t('person') + '">'
    + '<input name="damage" type="number" min="0" step="0.01" required class="narrow wide" placeholder="' + t('damageYuan') + '"></div>');
}

function assessmentTable(a) {
  if (!a || !a.lines) return '';
  const rows = a.lines.map((l) => '<tr><td>' + t(l.head) + '</td><td>' + esc(l.name || '') + ' ' + esc(l.person || '') + '</td><td>'
    + yuan(l.damageFen) + '</td><td>' + yuan(l.assessedFen) + '</td><td>' + yuan(l.payableFen) + '</td><td>'
    + (l.limitedBy ? '<span class="badge warn">' + t(l.limitedBy) + '</span>' : '') + '</td></tr>').join('');
  return '<p>' + t('faultShare') + t('sep') + (a.faultSharePercent === undefined ? '—' : esc(a.faultSharePercent) + '%') + '</p>'
    + '<div class="scroll"><table class="assessment"><thead><tr><th>' + t('head') + '</th><th>' + t('person') + '</th><th>' + t('damageYuan')
    + '</th><th>' + t('assessedYuan') + '</th><th>' + t('payableYuan') + '</th><th>' + t('limitedBy') + '</th></tr></thead><tbody>' + rows
    + '</tbody></table></div><p><b>' + t('totalPayable') + t('sep') + yuan(a.totalPayableFen) + '</b></p>';
}

function liabilityHtml(c) {
  const form = ['open', 'assessed'].includes(c.status)
    ? '<form id="assessForm" class="stack"><label>' + t('faultShare') + ' <input name="share" type="number" min="0" max="100" step="1" value="100" required class="narrow"></label>'
      + '<datalist id="partyIds">' + ((c.notice || {}).parties || []).filter((p) => p.idNumber)
        .map((p) => '<option value="' + esc(p.idNumber) + '">' + esc(p.name) + '</option>').join('') + '</datalist>'
      + '<div id="items"></div><p><button type="button" id="addItem">' + t('addItem') + '</button> <button>' + t('assess') + '</button></p></form>' : '';
  const settle = c.status === 'assessed'
    ? '<h2>' + t('settlementTitle') + '</h2><form id="settleForm" class="inline"><label><input type="checkbox" name="onTheSpot"> ' + t('onTheSpot')
      + '</label><input name="place" placeholder="' + t('place') + '"><input name="agreedWith" placeholder="' + t('agreedWith')
      + '"><input name="note" placeholder="' + t('reason') + '"><button>' + t('settle') + '</button></form>' : '';
  const settled = c.settlement ? '<p>' + t('settlementTitle') + t('sep') + (c.settlement.onTheSpot ? t('onTheSpot') + ' · ' : '') + esc(c.settlement.agreedWith || '')
    + ' ' + esc(c.settlement.place || '') + ' · ' + yuan(c.settlement.amountFen) + '</p>' : '';
  return noticeHtml(c) + '<h2>' + t('assessment') + '</h2>' + assessmentTable(c.assessment) + form + settle + settled
    + '<h2>' + t('attachments') + '</h2><div id="attachments" class="attachments"></div>'
    + '<form id="uploadForm" class="inline"><input type="file" name="file" accept="image/jpeg,image/png,application/pdf" required><button>' + t('upload') + '</button></form>';
}

// Fetches each attachment with the bearer token; pictures become <img>, the rest links.
async function showAttachments(c) {
  const box = document.getElementById('attachments');
  if (!box) return;
  const list = c.attachments || [];
  if (list.length === 0) { box.replaceChildren(el('<p class="muted">' + t('noAttachments') + '</p>')); return; }
  box.replaceChildren();
  for (const a of list) {
    const r = await fetch('/api/v1/claims/' + c.id + '/attachments/' + a.id, { headers: { Authorization: 'Bearer ' + token() } });
    if (!r.ok) { box.appendChild(el('<p class="error">' + esc(a.fileName) + ' ' + r.status + '</p>')); continue; }
    const url = URL.createObjectURL(await r.blob());
    const fig = el('<figure class="attachment"></figure>');
    if (a.contentType === 'image/jpeg' || a.contentType === 'image/png') {
      const img = el('<img alt="">');
      img.alt = a.fileName;
      img.src = url;
      fig.appendChild(img);
    }
    const link = el('<a target="_blank" rel="noopener"></a>');
    link.href = url;
    link.download = a.fileName;
    link.textContent = a.fileName + ' (' + Math.ceil(a.sizeBytes / 1024) + ' KB)';
    link.dataset.type = a.contentType;
    const cap = el('<figcaption></figcaption>');
    cap.appendChild(link);
    fig.appendChild(cap);
    box.appendChild(fig);
  }
}

function wireLiability(c, act) {
  const items = document.getElementById('items');
  if (items) {
    items.appendChild(itemRow(c));
    document.getElementById('addItem').addEventListener('click', () => items.appendChild(itemRow(c)));
    act('assessForm', 'submit', () => {
      const f = document.getElementById('assessForm');
      const rows = [...items.querySelectorAll('.item')].map((r) => ({
        head: r.querySelector('[name=head]').value,
        idNumber: r.querySelector('[name=idNumber]').value.trim().toUpperCase(),
        damageFen: toFen(r.querySelector('[name=damage]').value)
      }));
      const bad = rows.find((r) => r.head !== 'property' && !validIdNumber(r.idNumber));
      if (bad) throw new Error(t('badIdNumber') + t('sep') + (bad.idNumber || '—'));
      const names = new Map(((c.notice || {}).parties || []).map((p) => [p.idNumber, p.name]));
      rows.forEach((r) => { if (names.has(r.idNumber)) r.name = names.get(r.idNumber); });
      return api('POST', '/api/v1/claims/' + c.id + '/liability-assessment', { faultSharePercent: Number(f.share.value), items: rows });
    });
  }
  act('settleForm', 'submit', () => {
    const f = document.getElementById('settleForm');
    return api('POST', '/api/v1/claims/' + c.id + '/settlement', {
      onTheSpot: f.onTheSpot.checked, place: f.place.value, agreedWith: f.agreedWith.value, note: f.note.value
    });
  });
  act('uploadForm', 'submit', async () => {
    const file = document.getElementById('uploadForm').file.files[0];
    const r = await fetch('/api/v1/claims/' + c.id + '/attachments?name=' + encodeURIComponent(file.name), {
      method: 'POST', headers: { Authorization: 'Bearer ' + token(), 'Content-Type': 'application/octet-stream' }, body: file
    });
    if (!r.ok) throw new Error(t('error') + ' ' + r.status);
  });
  showAttachments(c).catch(showError);
}
