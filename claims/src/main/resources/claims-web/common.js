// bikeguard claims web: shared helpers (plain JS, no build step).
// Simplified Chinese first; English by the switch (kept in localStorage).
'use strict';

const I18N = {
  zh: {
    title: '理赔工作台', ownerTitle: '我的理赔', login: '登录', logout: '退出', username: '用户名（车主为手机号）',
    password: '密码', queue: '待办队列（按应付日期排序）', id: '编号', type: '类型', status: '状态', due: '应付日期',
    overdue: '已逾期', provisional: '暂定', payout: '赔付金额（元）', signals: '风险提示', papers: '材料',
    missing: '尚缺材料', received: '已收材料', decision: '审核决定', approve: '批准', deny: '拒绝', refer: '转复核',
    reason: '理由', submit: '提交', payment: '支付', pay: '记录支付', reference: '付款流水号', documents: '文书',
    settlement: '结算通知书', rightsLetter: '权益转让书', evidence: '证据轨迹（被盗前后 24 小时）', lastSightings: '被盗前最后读到',
    calendar: '工作日计算器', from: '起算日', days: '工作日数', compute: '计算', theft: '被盗', liability: '第三者责任',
    open: '处理中', referred: '复核中', approved: '已批准', denied: '已拒绝', paid: '已支付', closed: '已关闭（车辆找回）',
    returned: '车主领回车辆', salvaged: '残值归运营方', assessed: '已定损', settled: '已和解', none: '无', events: '处理记录',
    recovery: '车辆找回', found: '记录找回', resolution: '处理方式（支付后）', 'return': '车主退款领回', salvage: '车辆归运营方',
    'police-receipt': '报案回执', invoice: '购车发票', 'id-card': '身份证', registration: '登记证书', markReceived: '登记收到',
    receivedAt: '收到日期（可选）', rights: '签署权益转让书', notices: '通知', nothingMissing: '材料已齐全',
    reports: '报表', bordereau: '月度理赔清单', lossRatio: '赔付率报表', month: '月份', plate: '车牌', caseNo: '报案号',
    stolenAt: '被盗时间', error: '出错了', noClaims: '暂无理赔', lang: 'English'
  },
  en: {
    title: 'Claims console', ownerTitle: 'My claims', login: 'Log in', logout: 'Log out', username: 'Username (owners: phone)',
    password: 'Password', queue: 'Queue (by SLA due date)', id: 'No.', type: 'Type', status: 'Status', due: 'Due date',
    overdue: 'overdue', provisional: 'provisional', payout: 'Payout (yuan)', signals: 'Fraud signals', papers: 'Papers',
    missing: 'Missing papers', received: 'Received', decision: 'Decision', approve: 'Approve', deny: 'Deny', refer: 'Refer',
    reason: 'Reason', submit: 'Submit', payment: 'Payment', pay: 'Record payment', reference: 'Payment reference',
    documents: 'Documents', settlement: 'Settlement notice', rightsLetter: 'Rights-transfer letter',
    evidence: 'Evidence trajectory (24 h around the theft)', lastSightings: 'Last sightings before the theft',
    calendar: 'Working-day calculator', from: 'From', days: 'Working days', compute: 'Compute', theft: 'Theft',
    liability: 'Liability', open: 'Open', referred: 'In review', approved: 'Approved', denied: 'Denied', paid: 'Paid',
    closed: 'Closed (bike found)', returned: 'Bike back to owner', salvaged: 'Salvaged', assessed: 'Assessed', settled: 'Settled',
    none: 'None', events: 'History', recovery: 'Bike found', found: 'Record recovery', resolution: 'Resolution (after payment)',
    'return': 'Owner repays, takes bike', salvage: 'Bike to insurer', 'police-receipt': 'Police receipt', invoice: 'Invoice',
    'id-card': 'ID card', registration: 'Registration', markReceived: 'Mark received', receivedAt: 'Received on (optional)',
    rights: 'Sign rights-transfer', notices: 'Notices', nothingMissing: 'All papers received', reports: 'Reports',
    bordereau: 'Monthly bordereau', lossRatio: 'Loss ratio', month: 'Month', plate: 'Plate', caseNo: 'Police case',
    stolenAt: 'Stolen at', error: 'Error', noClaims: 'No claims', lang: '中文'
  }
};

let lang = localStorage.getItem('bikeguard.lang') || 'zh';
const t = (k) => (I18N[lang][k] !== undefined ? I18N[lang][k] : k);

function applyI18n() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-ph]').forEach((el) => { el.placeholder = t(el.dataset.i18nPh); });
}

function switchLang(render) {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('bikeguard.lang', lang);
  applyI18n();
  if (render) render();
}

const token = () => localStorage.getItem('bikeguard.token');

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : {};
  if (!r.ok) throw new Error((json.message || r.status) + (json.details && json.details.unmet ? ' — ' + json.details.unmet.join(', ') : ''));
  return json;
}

async function login(username, password) {
  const r = await fetch('/api/v1/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password })
  });
  if (!r.ok) throw new Error(t('error') + ' ' + r.status);
  localStorage.setItem('bikeguard.token', (await r.json()).token);
}

// Revokes the token at the tracker (best effort: it expires anyway), then forgets it.
async function logout() {
  const tk = token();
  localStorage.removeItem('bikeguard.token');
  if (tk) {
    try { await fetch('/api/v1/auth/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + tk } }); } catch (e) { /* offline */ }
  }
  location.reload();
}

const yuan = (fen) => (fen === null || fen === undefined ? '—' : (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 }));

function esc(s) {
  return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Parses one element from HTML. A <template> keeps table parts (<tr>, <td>) that a <div> would drop.
function el(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html.trim();
  return tpl.content.firstElementChild;
}

// Opens a PDF with the bearer token (a plain link cannot send it).
async function openPdf(path) {
  const r = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
  if (!r.ok) { alert(t('error') + ' ' + r.status); return; }
  window.open(URL.createObjectURL(await r.blob()), '_blank');
}

// Draws the trajectory points (station lon/lat) as an SVG polyline: a small self-contained city map.
function trajectorySvg(points) {
  const pts = (points || []).filter((p) => p.lon !== undefined && p.lat !== undefined);
  if (pts.length === 0) return '<p class="muted">' + t('none') + '</p>';
  const W = 460, H = 260, pad = 24;
  const lons = pts.map((p) => p.lon), lats = pts.map((p) => p.lat);
  const minX = Math.min(...lons), maxX = Math.max(...lons), minY = Math.min(...lats), maxY = Math.max(...lats);
  const sx = (maxX - minX) || 0.001, sy = (maxY - minY) || 0.001;
  const xy = (p) => [pad + (p.lon - minX) / sx * (W - 2 * pad), H - pad - (p.lat - minY) / sy * (H - 2 * pad)];
  const line = pts.map((p) => xy(p).join(',')).join(' ');
  const dots = pts.map((p, i) => {
    const [x, y] = xy(p);
    return '<circle cx="' + x + '" cy="' + y + '" r="5" fill="' + (i === pts.length - 1 ? '#c0392b' : '#2c7be5') + '"/>'
      + '<text x="' + (x + 7) + '" y="' + (y - 6) + '" font-size="11">' + esc(p.name || p.station) + ' ' + esc((p.firstSeen || '').slice(5, 16)) + '</text>';
  }).join('');
  return '<svg class="map" viewBox="0 0 ' + W + ' ' + H + '" width="100%"><rect width="100%" height="100%" fill="#f4f6f8"/>'
    + '<polyline points="' + line + '" fill="none" stroke="#2c7be5" stroke-width="2"/>' + dots + '</svg>';
}
