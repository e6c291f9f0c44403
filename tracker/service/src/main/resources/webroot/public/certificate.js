/* The page a certificate's QR code opens (/c/{code}): registration status, the owner masked, and
   "I found this bike", which reports a position (the browser's, when allowed) or a typed place to
   the police. The reporter stays anonymous; the tracker limits reports per address. */
(function () {
  const BG = window.BG;
  BG.words({
    zh: {
      certTitle: '电动车登记证书', otherLang: 'English', loading: '正在读取证书…', certMissing: '查无此证书',
      certMissingSub: '二维码可能是伪造的，请谨慎交易。', plate: '车牌', owner: '车主', brand: '品牌 / 颜色',
      registeredOn: '登记日期', code: '证书编号', registered: '已登记', stolen: '已报被盗', deregistered: '已注销',
      stolenWarn: '这辆车已报被盗。如果您看到了它，请通知警方。',
      foundOpen: '我发现了这辆车（通知警方）', foundIntro: '告诉警方车辆现在的位置。不需要留下您的姓名或电话。',
      useMyPosition: '使用我现在的位置', orPlace: '或填写地点', phPlace: '例如 解放路与蒸湘路口东北角', note: '补充说明（可选）',
      send: '通知警方', toCheck: '二手车查验', posOk: '已取得位置（精度约 {m} 米）', posFailed: '无法取得位置，请填写地点。',
      needWhere: '请使用您的位置或填写地点。', sent: '已通知警方，谢谢您！', rateLimited: '提交太频繁，请 {m} 分钟后再试。',
      failed: '提交失败：{m}', loadFailed: '读取失败：{m}',
    },
    en: {
      certTitle: 'E-bike registration certificate', otherLang: '中文', loading: 'Reading the certificate…', certMissing: 'No such certificate',
      certMissingSub: 'The QR code may be fake: be careful.', plate: 'Plate', owner: 'Owner', brand: 'Brand / colour',
      registeredOn: 'Registered', code: 'Certificate', registered: 'Registered', stolen: 'Reported stolen', deregistered: 'Deregistered',
      stolenWarn: 'This bike is reported stolen. If you see it, please tell the police.',
      foundOpen: 'I found this bike (tell the police)', foundIntro: 'Tell the police where the bike is now. Your name or phone is not needed.',
      useMyPosition: 'Use my current position', orPlace: 'or type the place', phPlace: 'e.g. NE corner of Jiefang Rd and Zhengxiang Rd', note: 'Note (optional)',
      send: 'Tell the police', toCheck: 'Second-hand check', posOk: 'Position taken (about {m} m)', posFailed: 'No position: please type the place.',
      needWhere: 'Use your position or type the place.', sent: 'The police have been told. Thank you!', rateLimited: 'Too many reports: try again in {m} min.',
      failed: 'Sending failed: {m}', loadFailed: 'Reading failed: {m}',
    },
  });
  const $ = (id) => document.getElementById(id);
  const page = BG.cert = { code: null, data: null, pos: null, msg: null };

  function msg(key, vars, ok) { page.msg = { key, vars, ok }; showMsg(); }
  function showMsg() {
    const m = page.msg;
    const el = $('found-msg');
    el.textContent = m ? BG.t(m.key, m.vars) : '';
    el.className = m && m.ok ? 'ok' : 'error';
  }

  function render() {
    const c = page.data;
    if (!c) { return; }
    $('status-line').innerHTML = '<span class="badge ' + BG.esc(c.status) + '">' + BG.esc(BG.t(c.status)) + '</span>'
      + (c.status === 'stolen' ? ' <span class="error">' + BG.esc(BG.t('stolenWarn')) + '</span>' : '');
    $('c-plate').textContent = c.plate;
    $('c-owner').textContent = c.owner || '—';
    $('c-brand').textContent = [c.brand, c.colour].filter(Boolean).join(' / ') || '—';
    $('c-date').textContent = c.registeredOn;
    $('c-code').textContent = c.code;
    if (page.pos) { $('found-pos').textContent = BG.t('posOk', { m: Math.round(page.pos.accuracyM || 0) }); }
    showMsg();
  }

  async function load() {
    const m = location.pathname.match(/^\/c\/([^/]+)/);
    page.code = m ? decodeURIComponent(m[1]) : (new URLSearchParams(location.search).get('code') || '');
    try {
      page.data = await BG.call('GET', '/api/v1/public/certificates/' + encodeURIComponent(page.code));
      $('cert').hidden = false;
      $('found').hidden = page.data.status === 'deregistered';
      render();
    } catch (e) {
      $('missing').hidden = false;
      if (e.status !== 404) { $('missing').querySelector('.sub').textContent = BG.t('loadFailed', { m: e.message }); }
    } finally {
      $('loading').hidden = true;
      page.readyAt = performance.now();
      page.ready = true;
    }
  }

  function locate() {
    if (!navigator.geolocation) { msg('posFailed'); return; }
    navigator.geolocation.getCurrentPosition(
      p => { page.pos = { lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy }; page.msg = null; render(); },
      () => msg('posFailed'),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  }

  async function send(ev) {
    ev.preventDefault();
    const place = $('found-place').value.trim();
    if (!page.pos && !place) { msg('needWhere'); return; }
    const body = { place, note: $('found-note').value.trim() };
    if (page.pos) { Object.assign(body, page.pos); }
    $('found-send').disabled = true;
    try {
      await BG.call('POST', '/api/v1/public/certificates/' + encodeURIComponent(page.code) + '/found', body);
      page.sent = true;
      msg('sent', null, true);
    } catch (e) {
      if (e.status === 429) { msg('rateLimited', { m: Math.max(1, Math.ceil((e.retryAfterS || 60) / 60)) }); }
      else { msg('failed', { m: e.message }); }
    } finally {
      $('found-send').disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    BG.onLang.push(render);
    $('found-open').addEventListener('click', () => { $('found-form').hidden = false; $('found-open').hidden = true; });
    $('found-geo').addEventListener('click', locate);
    $('found-form').addEventListener('submit', send);
    load();
  });
})();
