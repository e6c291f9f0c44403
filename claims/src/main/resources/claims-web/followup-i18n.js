// Texts of reserves, activities, the fraud-review queue and the letters: Simplified Chinese and English.
'use strict';

Object.assign(I18N.zh, {
  reserve: '准备金（元）', reserveHistory: '准备金变动', reserves: '未决准备金', reservesTotal: '合计',
  'rs.opening': '立案计提', 'rs.assessment': '定损计提', 'rs.payment': '支付释放', 'rs.denial': '拒赔释放',
  'rs.recovery': '车辆找回释放', 'rs.closure': '结案释放', 'rs.adjustment': '调整', 'rs.migration': '迁移计提', claimsN: '件',
  activities: '待办事项', myActivities: '我的待办', overdueActivities: '逾期待办', noActivities: '暂无待办事项',
  activity: '事项', dueOn: '期限', doneBtn: '完成', doneBy: '已完成', addActivity: '添加待办', activityPh: '待办内容',
  dueDateOpt: '期限日期', dueDaysOpt: '或工作日数', assigneeOpt: '经办人（默认本案经办人）', claimNo: '理赔号',
  'act.acknowledge': '确认收到报案并告知车主', 'act.papers': '核对材料，通知车主补齐缺少的材料',
  'act.inspect': '查勘现场并定损', 'act.decide': '在时限内作出理赔决定',
  fraudQueue: '欺诈复核队列', noReviews: '暂无待复核的理赔', referredBy: '转复核人', referredAt: '转复核时间',
  signalsFromOpening: '立案时风险提示', review: '欺诈复核', outcome: '复核结论', cleared: '排除嫌疑，恢复正常处理',
  confirmed: '确认欺诈，拒赔', clause: '依据条款（拒赔时）', record: '记录结论',
  'rv.cleared': '已排除', 'rv.confirmed': '已确认欺诈', 'rv.superseded': '已另行处理',
  acknowledgement: '受理通知书', denialLetter: '拒赔通知书',
  'ev.activity': '添加待办', 'ev.activity-done': '完成待办', 'ev.fraud-review': '欺诈复核',
  'ev.second-approval': '复核批准', 'ev.evidence-refreshed': '更新证据', 'ev.evidence-override': '无证据决定（管理员）'
});

Object.assign(I18N.en, {
  reserve: 'Reserve (yuan)', reserveHistory: 'Reserve changes', reserves: 'Outstanding reserves', reservesTotal: 'Total',
  'rs.opening': 'reserved at opening', 'rs.assessment': 'reserved at assessment', 'rs.payment': 'released on payment',
  'rs.denial': 'released on denial', 'rs.recovery': 'released on recovery', 'rs.closure': 'released on closure',
  'rs.adjustment': 'adjusted', 'rs.migration': 'reserved by migration', claimsN: 'claims',
  activities: 'Activities', myActivities: 'My activities', overdueActivities: 'Overdue', noActivities: 'No activities',
  activity: 'Activity', dueOn: 'Due', doneBtn: 'Done', doneBy: 'Done', addActivity: 'Add activity', activityPh: 'What to do',
  dueDateOpt: 'Due date', dueDaysOpt: 'or working days', assigneeOpt: "Assignee (default: the claim's)", claimNo: 'Claim',
  'act.acknowledge': 'Acknowledge the claim to the owner', 'act.papers': 'Check the papers, ask for the missing ones',
  'act.inspect': 'Inspect and assess the damage', 'act.decide': 'Decide the claim in time',
  fraudQueue: 'Fraud-review queue', noReviews: 'No claim waits for review', referredBy: 'Referred by', referredAt: 'Referred at',
  signalsFromOpening: 'Signals at opening', review: 'Fraud review', outcome: 'Outcome', cleared: 'Cleared: back to normal handling',
  confirmed: 'Fraud confirmed: deny', clause: 'Policy clause (for a denial)', record: 'Record outcome',
  'rv.cleared': 'cleared', 'rv.confirmed': 'fraud confirmed', 'rv.superseded': 'handled otherwise',
  acknowledgement: 'Acknowledgement letter', denialLetter: 'Denial letter',
  'ev.activity': 'activity added', 'ev.activity-done': 'activity done', 'ev.fraud-review': 'fraud review',
  'ev.second-approval': 'second approval', 'ev.evidence-refreshed': 'evidence refreshed', 'ev.evidence-override': 'decided without evidence (admin)'
});
