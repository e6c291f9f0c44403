// Texts of the adjuster console beyond the shared ones (common.js): Simplified Chinese and English.
'use strict';

Object.assign(I18N.zh, {
  search: '搜索', searchPh: '#理赔号 / 车牌 / 车主手机 / 报案号', mine: '只看我的', prev: '上一页', next: '下一页',
  pageOf: '第 {p} / {n} 页，共 {t} 件', assignee: '经办人', unassigned: '未分派', take: '我来处理', assignTo: '分派给',
  assign: '分派', notes: '备注', addNote: '添加备注', notePh: '备注内容', noNotes: '暂无备注', noMatch: '没有符合条件的理赔',
  pickClaim: '请在左侧选择一件理赔', dueUnknown: '未知',
  // liability
  firstNotice: '第三者责任报案', policyId: '保单号', occurredAt: '出险时间', place: '出险地点', damage: '损失情况',
  description: '经过', parties: '第三者', partyName: '姓名', idNumber: '身份证号', phone: '电话', addParty: '添加第三者',
  openClaim: '立案', badIdNumber: '身份证号格式或校验位不正确', notice: '报案信息',
  assessment: '定损', faultShare: '骑手责任比例（%）', head: '损失项目', person: '受害人（身份证号）', damageYuan: '损失金额（元）',
  assessedYuan: '按责任计（元）', payableYuan: '应赔（元）', limitedBy: '限额', addItem: '添加项目', assess: '提交定损',
  'death-disability': '死亡伤残', medical: '医疗费用', property: '财产损失', 'per-person': '每人限额', total: '总限额',
  totalPayable: '应赔合计', settlementTitle: '和解', onTheSpot: '现场和解', agreedWith: '和解对象', settle: '记录和解',
  attachments: '附件（照片、单据）', upload: '上传', noAttachments: '暂无附件', download: '下载',
  // history actions
  'ev.opened': '立案', 'ev.assessed': '定损', 'ev.attachment': '上传附件', 'ev.paid': '支付', 'ev.papers': '登记材料',
  'ev.papers-complete': '材料齐全', 'ev.recovered': '车辆找回', 'ev.rights-transfer-signed': '签署权益转让书',
  'ev.settled': '和解', 'ev.decision': '审核决定', 'ev.assigned': '分派', 'ev.reassigned': '改派', 'ev.note': '备注',
  // receivables and four eyes
  receivables: '应收款', openReceivables: '待收应收款（退回的赔款）', noOpenReceivables: '暂无待收款项', rcvReason: '原因', rcvAmount: '金额（元）', rcvOpened: '立账', rcvOpen: '待收', rcvReceived: '已收',
  'rcv.bike-recovered': '车辆找回，车主退回赔款', 'rcv.payment-returned': '赔款被银行退回', receiptRef: '收款流水号',
  recordReceipt: '登记收款', paymentReturned: '登记赔款被退回', secondApproval: '复核批准（双人审核）',
  secondApprovalHint: '须由批准人和转复核人以外的另一位理赔员批准后方可支付',
  'ev.receivable-opened': '立应收款', 'ev.receivable-received': '收到退款', 'ev.second-approval': '复核批准',
  // fraud signals
  'sig.early-theft': '投保后不久即被盗', 'sig.seen-near-home-after-theft': '报案后在车主住处附近被读到',
  'sig.seen-after-theft': '报案后仍被读到，且远离被盗地点', 'sig.silent-before-theft': '被盗前长时间未被读到',
  'sig.bracket-edge': '车龄处于赔付档次边缘', 'sig.repeat-claims': '同一车主、车辆或证件有过往被盗理赔',
  'sig.evidence-unavailable': '无法从追踪系统取得证据', details: '详情', sep: '：'
});

Object.assign(I18N.en, {
  search: 'Search', searchPh: '#claim no. / plate / owner phone / police case', mine: 'My claims only', prev: 'Previous',
  next: 'Next', pageOf: 'Page {p} of {n}, {t} claims', assignee: 'Adjuster', unassigned: 'Unassigned', take: 'Take it',
  assignTo: 'Assign to', assign: 'Assign', notes: 'Notes', addNote: 'Add note', notePh: 'Note', noNotes: 'No notes yet',
  noMatch: 'No claim matches', pickClaim: 'Pick a claim on the left', dueUnknown: 'unknown',
  firstNotice: 'Liability: first notice', policyId: 'Policy no.', occurredAt: 'Accident time', place: 'Place',
  damage: 'Damage', description: 'What happened', parties: 'Third parties', partyName: 'Name', idNumber: 'ID number',
  phone: 'Phone', addParty: 'Add party', openClaim: 'Open claim', badIdNumber: 'The ID number is malformed or its check character is wrong',
  notice: 'First notice', assessment: 'Assessment', faultShare: "Rider's fault share (%)", head: 'Head of damage',
  person: 'Injured person (ID number)', damageYuan: 'Damage (yuan)', assessedYuan: 'By fault share (yuan)',
  payableYuan: 'Payable (yuan)', limitedBy: 'Limit', addItem: 'Add item', assess: 'Submit assessment',
  'death-disability': 'Death / disability', medical: 'Medical costs', property: 'Property', 'per-person': 'per-person limit',
  total: 'total limit', totalPayable: 'Total payable', settlementTitle: 'Settlement', onTheSpot: 'Settled on the spot',
  agreedWith: 'Agreed with', settle: 'Record settlement', attachments: 'Attachments (photos, papers)', upload: 'Upload',
  noAttachments: 'No attachments', download: 'Download',
  'ev.opened': 'opened', 'ev.assessed': 'assessed', 'ev.attachment': 'attachment added', 'ev.paid': 'paid',
  'ev.papers': 'papers recorded', 'ev.papers-complete': 'papers complete', 'ev.recovered': 'bike found',
  'ev.rights-transfer-signed': 'rights transfer signed', 'ev.settled': 'settled', 'ev.decision': 'decision',
  'ev.assigned': 'assigned', 'ev.reassigned': 'reassigned', 'ev.note': 'note',
  receivables: 'Receivables', openReceivables: 'Open receivables (payouts owed back)', noOpenReceivables: 'Nothing owed',
  rcvReason: 'Reason', rcvAmount: 'Amount (yuan)', rcvOpened: 'Opened', rcvOpen: 'open',
  rcvReceived: 'received', 'rcv.bike-recovered': 'Bike found, owner repays the payout',
  'rcv.payment-returned': 'Payout sent back by the bank', receiptRef: 'Receipt reference', recordReceipt: 'Record receipt',
  paymentReturned: 'Record payout sent back', secondApproval: 'Second approval (four eyes)',
  secondApprovalHint: 'Another adjuster than the approver and the referrer approves before payment',
  'ev.receivable-opened': 'receivable opened', 'ev.receivable-received': 'money received', 'ev.second-approval': 'second approval',
  'sig.early-theft': 'Stolen soon after the policy was bought', 'sig.seen-near-home-after-theft': "Seen near the owner's home after the report",
  'sig.seen-after-theft': 'Seen after the report, away from where it was stolen', 'sig.silent-before-theft': 'Not heard for a long time before the theft',
  'sig.bracket-edge': "The bike's age is at the edge of a payout bracket", 'sig.repeat-claims': 'Earlier theft claims by the same owner, bike or ID',
  'sig.evidence-unavailable': 'The tracker could not give the evidence', details: 'Details', sep: ': '
});

// A text with {name} placeholders filled from vars.
const tf = (k, vars) => t(k).replace(/\{(\w+)\}/g, (m, v) => String(vars[v]));

// An instant from the API (ISO-8601 UTC) as Asia/Shanghai local time, e.g. 2026-07-15 09:30.
const SH_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'
});
const sh = (iso) => (iso ? SH_TIME.format(new Date(iso)) : '—');
