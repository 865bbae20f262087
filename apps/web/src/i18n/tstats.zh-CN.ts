/** 简体中文: targets, figures and compliance lists of the talent pipeline (人才队伍). */
const tstatsZhCN = {
  tstats: {
    region: '行政区划',
    level: { assistant: '助理社会工作师', intermediate: '社会工作师', senior: '高级社会工作师' },
    category: { professional: '专业社会工作者', community_worker: '社区工作者', party_government: '党政机关社工岗位人员', volunteer: '受训志愿者' },
    metric: {
      total_talent: '社会工作人才总量', certified: '持证社工人数', exam_registrations: '年度考试报名人数', positions_filled: '已聘岗位数',
      resident_qualified: '持证驻站社工人数', active_volunteers: '活跃志愿者人数',
    },
    status: { on_track: '进展正常', at_risk: '存在风险', behind: '进度滞后', unknown: '暂无法判断' },
    people: '{{count}} 人',
    targets: {
      metric: '指标', level: '证书等级', allLevels: '全部等级', value: '目标值', dueOn: '截止日期', baseline: '基数', baselineValue: '基数值',
      baselineOn: '基数日期', parent: '上级目标', split: '分解情况', splitOf: '已分解 {{count}} 项，合计 {{sum}}', source: '依据', note: '备注',
      create: '新增目标', edit: '编辑目标', splitAction: '分解', progress: '进度', deleteConfirm: '确定删除 {{name}} 的目标吗？', topLevel: '仅看顶层目标',
      regionRequired: '请选择区划', metricRequired: '请选择指标', valueRequired: '请输入目标值', dueOnRequired: '请选择截止日期',
      parentHint: '分解到下级区划时，各分解目标之和不能超过上级目标', sourcePlaceholder: '如：《XX市社会工作人才队伍建设规划》',
      volunteersUnavailable: '志愿者模块尚未启用，暂无该指标的实际值',
    },
    progress: {
      title: '目标进度：{{name}}', asOf: '统计日期', actual: '实际值', target: '目标值', share: '完成率', gap: '差距', requiredGrowth: '每年需增长',
      forecast: '截止日预测值', forecastMethod: '按最近 {{years}} 年年末实际值线性回归（最小二乘）预测，每年约 {{slope}}', noForecast: '年末数据不足两年，无法预测',
      status: '状态', thresholds: '预测值达到目标为“进展正常”，达到目标的 {{share}} 为“存在风险”，否则为“进度滞后”', yearly: '历年年末实际值',
      year: '年度', value: '实际值', chartActual: '年末实际值', chartForecast: '线性预测', chartTarget: '目标', children: '分解目标进度',
      shortfall: '分解合计 {{sum}}，比上级目标少 {{shortfall}}', splitComplete: '分解合计 {{sum}}，与上级目标一致',
    },
    stats: {
      summary: '概况', asOf: '统计日期', talentTotal: '社会工作人才', certified: '持证社工', certifiedShare: '持证率 {{percent}}', resident: '驻站社工',
      residentQualified: '其中持证 {{count}} 人', positions: '岗位', positionsDetail: '已聘 {{filled}} / 设置 {{set}}，空缺 {{vacant}}',
      trainingHours: '{{year}} 年培训学时', trainingPeople: '{{count}} 人参训', supervision: '{{year}} 年督导', supervisionSessions: '{{count}} 次',
      supervisionHours: '共 {{hours}} 小时', series: '历年趋势', from: '起始年度', to: '结束年度', year: '年度', registrations: '考试报名',
      passes: '通过人数', passRate: '通过率', yoy: '同比', certifiedChange: '持证人数同比', registrationsChange: '报名人数同比',
      drillDown: '下级区划', back: '返回上级', seriesHint: '持证人数按每年 12 月 31 日（当年按今天）在册且持有有效证书的人数统计，同一人只计一次；通过率 = 通过人数 / 实际参考人数',
    },
    compliance: {
      unqualified: '驻站社工未持证', hoursShort: '继续教育学时不足', renewalDue: '证书登记待续期', name: '姓名', idNumber: '身份证号', station: '驻站站点',
      since: '驻站起始', latestExam: '最近报考', noExam: '未报考', deadline: '持证期限', deadlineLeft: '距持证期限还有 {{count}} 天', deadlineOverdue: '已超过持证期限 {{count}} 天',
      year: '年度', hours: '已完成学时', required: '应完成学时', shortBy: '差额', training: '培训', supervision: '督导', requirements: '年度要求：助理 {{assistant}} 学时，中级 {{intermediate}} 学时，高级 {{senior}} 学时',
      days: '提前天数', certificateNo: '证书编号', registrationNo: '登记证号', renewalDueOn: '登记有效期至', daysLeft: '剩余天数', pending: '待确认',
      lapsed: '已过期 {{count}} 天', dueIn: '{{count}} 天后到期',
      examResult: { pending: '待公布', passed: '通过', failed: '未通过', absent: '缺考' },
    },
  },
};

export default tstatsZhCN;
