'use strict';
/* Texts of the owner pages: Simplified Chinese first, English on request; API errors as sentences. */
(function () {
  const BG = window.BG = window.BG || {};
  const zh = {
    title: '电动自行车服务', bigFont: '大字', normalFont: '标准字', logout: '退出', loginTitle: '车主登录',
    phone: '手机号', password: '密码', getCode: '获取短信验证码', smsCode: '短信验证码', login: '登录',
    restart: '重新获取验证码', codeSent: '验证码已发送至 {to}，{min} 分钟内有效。',
    navBikes: '我的车辆', navTheft: '报失', navCover: '保障服务', navClaims: '理赔', navTransfer: '过户',
    navRequests: '补办', navAppointments: '预约登记', navViolations: '违章',
    loading: '加载中…', done: '已提交', cancel: '取消', submit: '提交', bike: '车辆', reason: '原因',
    noBikes: '您还没有登记的车辆。可预约到安装点登记。', bookNow: '预约登记',
    plate: '号牌', frameNo: '车架号', brand: '品牌', status: '状态', certificate: '电子证书',
    certCode: '证书编号', scanHint: '扫码查看电子证书（民警扫码可联系车主）',
    registered: '已登记', stolen: '被盗', deregistered: '已注销',
    deregister: '注销车辆', deregisterConfirm: '确认注销（注销后号牌、标签释放，不可撤销）',
    deregisterReason: '注销原因', deregistered_ok: '车辆已注销。',
    reportTheft: '报失', theftTitle: '车辆被盗报失', stolenAt: '被盗时间（北京时间）', place: '被盗地点',
    description: '车辆特征或经过', report: '提交报失', myCases: '我的报失', noCases: '暂无报失记录',
    reported: '已报失', confirmed: '已立案', recovered: '已找回', closed: '已结案', withdraw: '撤回报失',
    caseNo: '案件编号', reportedAt: '报失时间', theftReported: '报失已提交，民警将尽快核实。',
    noRegisteredBike: '没有可办理的车辆。',
    coverTitle: '购买保障', antiTheft: '防盗服务', liability: '责任保障', priceTerm: '{price} 元 / {years} 年',
    waiting: '等待期 {days} 天', buy: '确认购买', myPolicies: '我的保障', noPolicies: '暂无保障',
    myOrders: '缴费订单', noOrders: '暂无缴费订单', reference: '订单号', amount: '金额',
    requestPending: '待办理', offerPending: '待确认', pending: '待缴费', paid: '已缴费', failed: '失败', active: '保障中', scheduled: '未生效', expired: '已到期',
    cancelled: '已取消', coverUnavailable: '保障服务暂不可用，请稍后再试。', product: '产品',
    period: '保障期', bought: '购买成功。',
    claimsTitle: '申请理赔', theftClaim: '被盗理赔', liabilityClaim: '责任理赔', myClaims: '我的理赔',
    noClaims: '暂无理赔', theftCase: '报失案件', policy: '保单', occurredAt: '事故时间（北京时间）',
    damage: '损失情况', photos: '照片（可多张）', fileClaim: '提交理赔', addPhotos: '上传照片',
    photosUploaded: '已上传 {n} 张照片。', claimFiled: '理赔已提交（编号 #{id}）。', payout: '赔付',
    due: '预计结案', provisional: '暂定', missing: '尚缺材料', nothingMissing: '材料已齐全',
    open: '处理中', referred: '复核中', approved: '已核准', denied: '已拒赔', assessed: '已定损',
    settled: '已理算', returned: '已退回', salvaged: '已处置', theft: '被盗', noTheftCases: '没有可理赔的报失案件。',
    noLiabilityPolicy: '没有有效的责任保障。',
    rightsTitle: '权益转让书', rightsText: '理赔款支付后，如车辆被找回，车辆归运营方所有；您也可以退回全部赔款领回车辆。签署后方可支付赔款。',
    rightsAgree: '我已阅读并同意权益转让书', signRights: '签署权益转让书', rightsSigned: '已签署权益转让书',
    rightsDone: '权益转让书已签署，赔款将尽快支付。', ackLetter: '受理通知书', denialLetter: '拒赔通知书',
    settlementLetter: '结算通知书', rightsLetter: '权益转让书（PDF）',
    'police-receipt': '报案回执', invoice: '购车发票', 'id-card': '身份证', registration: '登记证书',
    transferTitle: '过户给买方', buyerPhone: '买方手机号（须已实名登记）', startTransfer: '发起过户',
    outgoing: '我发起的过户', incoming: '待我确认的过户', noTransfers: '暂无过户记录',
    accepted: '已完成', declined: '已拒绝', idNumber: '本人身份证号', confirmTransfer: '确认接收',
    decline: '拒绝', from: '卖方', to: '买方', transferStarted: '已发起过户，等待买方确认。',
    transferAccepted: '过户完成，车辆已转到您名下。',
    requestsTitle: '申请补办', kind: '补办项目', card: '证书卡', tag: '防盗标签', myRequests: '我的补办申请',
    noRequests: '暂无补办申请', requestSent: '补办申请已提交，请到安装点办理。', rejected: '未通过',
    apptTitle: '预约登记', point: '安装点', day: '日期', note: '备注', book: '确认预约', myAppointments: '我的预约',
    noAppointments: '暂无预约', noPoints: '暂无可预约的安装点。', capacity: '当日可约 {left} / {cap}',
    full: '当日已约满', booked: '已预约', apptBooked: '预约成功。',
    violationsTitle: '交通违章', noViolations: '暂无违章记录', v_red_light: '闯红灯', v_wrong_way: '逆行',
    v_motor_lane: '驶入机动车道', counted: '计入违章', notCounted: '已撤销', violationAt: '时间（北京时间）', intersection: '路口',
    appeal: '申诉', noAppeal: '未申诉', appeal_pending: '申诉处理中', appeal_upheld: '申诉未通过，维持处罚',
    appeal_cancelled: '申诉成立，违章已撤销', fileAppeal: '我要申诉', appealReason: '申诉理由', submitAppeal: '提交申诉',
    appealFiled: '申诉已提交，交警将尽快处理。', finesTitle: '罚款', noFines: '暂无罚款', zoneKind: '类型',
    z_fire_lane: '消防通道停放', z_corridor: '楼道停放', z_building_entrance: '进入楼栋', unpaid: '未缴纳',
    paidAt: '缴纳时间', payFine: '缴纳罚款', payRef: '缴款编号',
    // errors
    eNetwork: '网络连接失败，请检查网络后重试。', eBadLogin: '手机号或密码错误。',
    eSession: '登录已失效，请重新登录。', eCodeWrong: '验证码错误，还可尝试 {n} 次。',
    eCodeExpired: '验证码已过期，请重新获取。', eCodeTooMany: '验证码错误次数过多，请重新获取。',
    eCodeUsed: '验证码已失效，请重新获取。', eRate: '操作太频繁，请 {s} 秒后再试。',
    eLocked: '账户因多次密码错误已锁定，请到安装点或联系管理员解锁。', eDisabled: '账户已停用，请联系管理员。',
    eForbidden: '您无权办理此业务。', eNotOwnerLogin: '此入口仅供车主登录。', eNotFound: '未找到相关记录。',
    eStolen: '车辆处于被盗状态，暂不能办理。', eDeregistered: '车辆已注销，不能办理。',
    eFull: '该日预约已满，请选择其他日期。', eAlreadyBooked: '您已预约该安装点当天的登记。',
    ePending: '已有办理中的申请，请勿重复提交。', eOpenCase: '该车已有未结案的报失。',
    eConflict: '当前状态不允许此操作。', eField: '「{field}」填写有误，请检查。', eBad: '提交的内容有误，请检查。',
    eTooLarge: '文件太大（每张不超过 5 MB）。', eBusy: '系统繁忙，请稍后再试。',
    eInternal: '系统出错（编号 {id}），请稍后再试。', eUpstream: '相关服务暂不可用，请稍后再试。',
    eNotEligible: '暂不满足理赔条件。', eOverlap: '该车已有有效保障。', eBackdated: '保障不能早于今天开始。',
    eNoBuyer: '该手机号没有已实名登记的车主。', eNotYourId: '身份证号与您的实名信息不符。',
    eUnknown: '操作失败（{status}），请稍后再试。', eOwnPhone: '不能过户给自己。',
    eAppealed: '该违章已申诉，请勿重复提交。', eFinePaid: '该罚款已缴纳。',
    fields: { username: '手机号', password: '密码', code: '验证码', toPhone: '买方手机号', idNumber: '身份证号',
      toIdNumber: '身份证号', day: '日期', point: '安装点', stolenAt: '被盗时间', place: '地点', kind: '补办项目',
      reason: '原因', note: '备注', bikeId: '车辆', product: '产品', amountFen: '金额', occurredAt: '事故时间',
      policyId: '保单', theftCaseId: '报失案件', description: '描述' },
  };
  const en = {
    title: 'E-bike services', bigFont: 'Large text', normalFont: 'Normal text', logout: 'Log out', loginTitle: 'Owner login',
    phone: 'Mobile number', password: 'Password', getCode: 'Send SMS code', smsCode: 'SMS code', login: 'Log in',
    restart: 'Get a new code', codeSent: 'Code sent to {to}, valid for {min} minutes.',
    navBikes: 'My bikes', navTheft: 'Theft', navCover: 'Cover', navClaims: 'Claims', navTransfer: 'Transfer',
    navRequests: 'Replace', navAppointments: 'Booking', navViolations: 'Violations',
    loading: 'Loading…', done: 'Submitted', cancel: 'Cancel', submit: 'Submit', bike: 'Bike', reason: 'Reason',
    noBikes: 'You have no registered bike yet. Book a registration at an installation point.', bookNow: 'Book registration',
    plate: 'Plate', frameNo: 'Frame no.', brand: 'Brand', status: 'Status', certificate: 'Electronic certificate',
    certCode: 'Certificate no.', scanHint: 'Scan to open the certificate (police can reach the owner)',
    registered: 'Registered', stolen: 'Stolen', deregistered: 'Deregistered',
    deregister: 'Deregister', deregisterConfirm: 'Confirm deregistration (frees plate and tag; cannot be undone)',
    deregisterReason: 'Reason', deregistered_ok: 'The bike is deregistered.',
    reportTheft: 'Report theft', theftTitle: 'Report a stolen bike', stolenAt: 'Stolen at (Beijing time)', place: 'Place',
    description: 'Description', report: 'Report', myCases: 'My reports', noCases: 'No theft reports',
    reported: 'Reported', confirmed: 'Case opened', recovered: 'Recovered', closed: 'Closed', withdraw: 'Withdraw',
    caseNo: 'Case no.', reportedAt: 'Reported at', theftReported: 'Reported; the police will check it soon.',
    noRegisteredBike: 'No bike for this service.',
    coverTitle: 'Buy cover', antiTheft: 'Anti-theft service', liability: 'Liability cover', priceTerm: '{price} yuan / {years} years',
    waiting: 'waiting period {days} days', buy: 'Buy', myPolicies: 'My cover', noPolicies: 'No cover yet',
    myOrders: 'Payment orders', noOrders: 'No payment orders', reference: 'Order no.', amount: 'Amount',
    requestPending: 'Pending', offerPending: 'Awaiting buyer', pending: 'To pay', paid: 'Paid', failed: 'Failed', active: 'Active', scheduled: 'Not started', expired: 'Expired',
    cancelled: 'Cancelled', coverUnavailable: 'Cover is not available right now.', product: 'Product',
    period: 'Period', bought: 'Bought.',
    claimsTitle: 'File a claim', theftClaim: 'Theft claim', liabilityClaim: 'Liability claim', myClaims: 'My claims',
    noClaims: 'No claims', theftCase: 'Theft report', policy: 'Policy', occurredAt: 'Happened at (Beijing time)',
    damage: 'Damage', photos: 'Photos (several allowed)', fileClaim: 'File claim', addPhotos: 'Upload photos',
    photosUploaded: '{n} photo(s) uploaded.', claimFiled: 'Claim filed (#{id}).', payout: 'Payout',
    due: 'Decision due', provisional: 'provisional', missing: 'Missing papers', nothingMissing: 'Papers complete',
    open: 'In progress', referred: 'Under review', approved: 'Approved', denied: 'Denied', assessed: 'Assessed',
    settled: 'Settled', returned: 'Returned', salvaged: 'Salvaged', theft: 'Theft', noTheftCases: 'No theft report to claim on.',
    noLiabilityPolicy: 'No liability cover in force.',
    rightsTitle: 'Rights transfer', rightsText: 'Once the payout is paid, a bike found later belongs to the insurer; you may instead repay '
      + 'the whole payout and take the bike back. The payout is paid after you sign.',
    rightsAgree: 'I have read and agree to the rights transfer', signRights: 'Sign the rights transfer', rightsSigned: 'Rights transfer signed',
    rightsDone: 'Rights transfer signed; the payout follows soon.', ackLetter: 'Acknowledgement letter', denialLetter: 'Denial letter',
    settlementLetter: 'Settlement notice', rightsLetter: 'Rights transfer (PDF)',
    'police-receipt': 'Police receipt', invoice: 'Invoice', 'id-card': 'ID card', registration: 'Registration',
    transferTitle: 'Transfer to a buyer', buyerPhone: 'Buyer\'s mobile (a registered owner)', startTransfer: 'Start transfer',
    outgoing: 'Transfers I started', incoming: 'Transfers to confirm', noTransfers: 'No transfers',
    accepted: 'Done', declined: 'Declined', idNumber: 'Your ID number', confirmTransfer: 'Accept',
    decline: 'Decline', from: 'Seller', to: 'Buyer', transferStarted: 'Transfer started; waiting for the buyer.',
    transferAccepted: 'Transfer done: the bike is yours.',
    requestsTitle: 'Request a replacement', kind: 'Item', card: 'Certificate card', tag: 'Anti-theft tag', myRequests: 'My requests',
    noRequests: 'No requests', requestSent: 'Requested; please visit an installation point.', rejected: 'Rejected',
    apptTitle: 'Book a registration', point: 'Installation point', day: 'Day', note: 'Note', book: 'Book', myAppointments: 'My bookings',
    noAppointments: 'No bookings', noPoints: 'No installation point to book.', capacity: '{left} of {cap} places left',
    full: 'Fully booked', booked: 'Booked', apptBooked: 'Booked.',
    violationsTitle: 'Traffic violations', noViolations: 'No violation records', v_red_light: 'Red light', v_wrong_way: 'Wrong way',
    v_motor_lane: 'In the motor lane', counted: 'Counted', notCounted: 'Cancelled', violationAt: 'Time (Beijing)', intersection: 'Intersection',
    appeal: 'Appeal', noAppeal: 'None', appeal_pending: 'Appeal under review', appeal_upheld: 'Appeal rejected; the violation stands',
    appeal_cancelled: 'Appeal accepted; the violation is cancelled', fileAppeal: 'Appeal', appealReason: 'Reason for the appeal', submitAppeal: 'Submit appeal',
    appealFiled: 'Appeal filed; the traffic police will decide soon.', finesTitle: 'Fines', noFines: 'No fines', zoneKind: 'Kind',
    z_fire_lane: 'Parked in a fire lane', z_corridor: 'Parked in a corridor', z_building_entrance: 'Entered a building', unpaid: 'Unpaid',
    paidAt: 'Paid at', payFine: 'Pay the fine', payRef: 'Payment reference',
    eNetwork: 'Network error; check the connection and retry.', eBadLogin: 'Wrong mobile number or password.',
    eSession: 'Your session ended; please log in again.', eCodeWrong: 'Wrong code; {n} tries left.',
    eCodeExpired: 'The code expired; get a new one.', eCodeTooMany: 'Too many wrong codes; get a new one.',
    eCodeUsed: 'The code is no longer valid; get a new one.', eRate: 'Too many attempts; retry in {s} s.',
    eLocked: 'The account is locked after wrong passwords; ask an installation point or an administrator.',
    eDisabled: 'The account is disabled.', eForbidden: 'You may not do this.', eNotOwnerLogin: 'This login is for owners only.',
    eNotFound: 'Not found.', eStolen: 'The bike is reported stolen.', eDeregistered: 'The bike is deregistered.',
    eFull: 'That day is fully booked; pick another.', eAlreadyBooked: 'You already booked that point on that day.',
    ePending: 'A request is already pending.', eOpenCase: 'This bike already has an open theft report.',
    eConflict: 'Not possible in the current state.', eField: 'Please check "{field}".', eBad: 'Please check your input.',
    eTooLarge: 'File too large (5 MB each at most).', eBusy: 'The system is busy; retry shortly.',
    eInternal: 'System error (incident {id}); retry later.', eUpstream: 'A service is unavailable; retry later.',
    eNotEligible: 'The claim cannot be accepted yet.', eOverlap: 'The bike already has this cover.', eBackdated: 'Cover cannot start in the past.',
    eNoBuyer: 'No registered owner has this mobile number.', eNotYourId: 'The ID number is not yours.',
    eUnknown: 'Failed ({status}); retry later.', eOwnPhone: 'You cannot transfer to yourself.',
    eAppealed: 'This violation is appealed already.', eFinePaid: 'This fine is paid already.',
    fields: { username: 'mobile number', password: 'password', code: 'code', toPhone: 'buyer\'s mobile', idNumber: 'ID number',
      toIdNumber: 'ID number', day: 'day', point: 'installation point', stolenAt: 'stolen at', place: 'place', kind: 'item',
      reason: 'reason', note: 'note', bikeId: 'bike', product: 'product', amountFen: 'amount', occurredAt: 'happened at',
      policyId: 'policy', theftCaseId: 'theft report', description: 'description' },
  };
  const dicts = { zh, en };
  BG.lang = localStorage.getItem('owner.lang') === 'en' ? 'en' : 'zh';
  /** The text of a key in the current language, with {name} replaced from vars; unknown keys as given. */
  BG.t = (key, vars) => {
    const d = dicts[BG.lang];
    let s = d[key] !== undefined ? d[key] : (zh[key] !== undefined ? zh[key] : String(key));
    if (vars) { Object.keys(vars).forEach((k) => { s = s.split('{' + k + '}').join(String(vars[k])); }); }
    return s;
  };
  BG.setLang = (lang) => { BG.lang = lang; localStorage.setItem('owner.lang', lang); };
  /** Fills the static elements marked data-i18n. */
  BG.applyI18n = () => {
    document.documentElement.lang = BG.lang === 'en' ? 'en' : 'zh-CN';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = BG.t(el.dataset.i18n); });
    document.title = BG.t('title');
  };
  const MESSAGE_RULES = [
    [/fully booked/, 'eFull'], [/already booked/, 'eAlreadyBooked'], [/already (pending|has a pending)|one already pending|pending request/, 'ePending'],
    [/open theft case|open case/, 'eOpenCase'], [/no registered owner/, 'eNoBuyer'], [/not yours/, 'eNotYourId'],
    [/your own phone|already owns/, 'eOwnPhone'], [/overlap/, 'eOverlap'], [/appealed already/, 'eAppealed'], [/^fine \d+ is paid/, 'eFinePaid'], [/backdated|before today|in the past/, 'eBackdated'],
  ];
  /** A sentence for a failed API call (err.status, err.code, err.details, err.apiMessage). */
  BG.errorText = (err) => {
    const d = err.details || {};
    const msg = err.apiMessage || '';
    if (err.code === 'network') return BG.t('eNetwork');
    if (err.status === 401) {
      const r = d.reason;
      if (r === 'wrong') return BG.t('eCodeWrong', { n: d.attemptsLeft });
      if (r === 'expired') return BG.t('eCodeExpired');
      if (r === 'too_many') return BG.t('eCodeTooMany');
      if (r === 'used' || r === 'unknown') return BG.t('eCodeUsed');
      return err.login ? BG.t('eBadLogin') : BG.t('eSession');
    }
    if (err.status === 429) return BG.t('eRate', { s: d.retryAfterS || 60 });
    if (err.code === 'account_locked') return BG.t('eLocked');
    if (err.code === 'account_disabled') return BG.t('eDisabled');
    if (err.status === 403) return err.login ? BG.t('eNotOwnerLogin') : BG.t('eForbidden');
    if (err.status === 413) return BG.t('eTooLarge');
    if (err.status === 503) return BG.t('eBusy');
    if (err.status === 502) return BG.t('eUpstream');
    if (err.status >= 500) return BG.t('eInternal', { id: d.incident || '—' });
    for (const [re, key] of MESSAGE_RULES) { if (re.test(msg)) return BG.t(key); }
    if (err.code === 'not_eligible') return BG.t('eNotEligible');
    if (err.status === 404) return BG.t('eNotFound');
    if (err.status === 409) {
      if (d.status === 'stolen' || d.reason === 'bike-stolen') return BG.t('eStolen');
      if (d.status === 'deregistered') return BG.t('eDeregistered');
      return BG.t('eConflict');
    }
    if (err.status === 400 || err.status === 422) {
      const f = d.field || d.location;
      const names = dicts[BG.lang].fields;
      return f && names[f] ? BG.t('eField', { field: names[f] }) : BG.t('eBad');
    }
    return BG.t('eUnknown', { status: err.status });
  };
})();
