import type tstatsZhCN from './tstats.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English: targets, figures and compliance lists of the talent pipeline. */
const tstatsEnUS: Shape<typeof tstatsZhCN> = {
  tstats: {
    region: 'Region',
    level: { assistant: 'Assistant social worker', intermediate: 'Social worker', senior: 'Senior social worker' },
    category: { professional: 'Professional social workers', community_worker: 'Community workers', party_government: 'Party/government staff', volunteer: 'Trained volunteers' },
    metric: {
      total_talent: 'Total talent', certified: 'Certified social workers', exam_registrations: 'Exam registrations in the year', positions_filled: 'Positions filled',
      resident_qualified: 'Certified resident station workers', active_volunteers: 'Active volunteers',
    },
    status: { on_track: 'On track', at_risk: 'At risk', behind: 'Behind', unknown: 'Unknown' },
    people: '{{count}} people',
    targets: {
      metric: 'Metric', level: 'Level', allLevels: 'All levels', value: 'Target', dueOn: 'Due', baseline: 'Baseline', baselineValue: 'Baseline value',
      baselineOn: 'Baseline date', parent: 'Parent target', split: 'Split', splitOf: 'Split into {{count}}, together {{sum}}', source: 'Source', note: 'Note',
      create: 'New target', edit: 'Edit target', splitAction: 'Split', progress: 'Progress', deleteConfirm: 'Delete the target of {{name}}?', topLevel: 'Top-level targets only',
      regionRequired: 'Choose a region', metricRequired: 'Choose a metric', valueRequired: 'Enter the target value', dueOnRequired: 'Choose the due date',
      parentHint: 'Shares in sub-regions may not add up to more than the parent target', sourcePlaceholder: 'e.g. the city\'s social work talent plan',
      volunteersUnavailable: 'The volunteer module is not in use yet; this metric has no actual value',
    },
    progress: {
      title: 'Progress: {{name}}', asOf: 'As of', actual: 'Actual', target: 'Target', share: 'Achieved', gap: 'Gap', requiredGrowth: 'Growth needed per year',
      forecast: 'Forecast at due date', forecastMethod: 'Least-squares line through the year-end actuals of the last {{years}} years, about {{slope}} a year', noForecast: 'Fewer than two year-ends: no forecast',
      status: 'Status', thresholds: 'On track when the forecast reaches the target, at risk when it reaches {{share}} of it, otherwise behind', yearly: 'Year-end actuals',
      year: 'Year', value: 'Actual', chartActual: 'Year-end actual', chartForecast: 'Linear forecast', chartTarget: 'Target', children: 'Progress of the shares',
      shortfall: 'Shares add up to {{sum}}, {{shortfall}} short of the parent', splitComplete: 'Shares add up to {{sum}}, as the parent',
    },
    stats: {
      summary: 'Summary', asOf: 'As of', talentTotal: 'Social work talent', certified: 'Certified', certifiedShare: '{{percent}} certified', resident: 'Resident station workers',
      residentQualified: '{{count}} certified', positions: 'Positions', positionsDetail: '{{filled}} filled of {{set}}, {{vacant}} vacant',
      trainingHours: 'Training hours {{year}}', trainingPeople: '{{count}} people trained', supervision: 'Supervision {{year}}', supervisionSessions: '{{count}} sessions',
      supervisionHours: '{{hours}} hours', series: 'By year', from: 'From', to: 'To', year: 'Year', registrations: 'Exam registrations',
      passes: 'Passed', passRate: 'Pass rate', yoy: 'Change', certifiedChange: 'Certified, change', registrationsChange: 'Registrations, change',
      drillDown: 'Sub-regions', back: 'Up', seriesHint: 'Certified: people in the register with a valid certificate on 31 December (today for this year), each counted once; pass rate = passed / sat',
    },
    compliance: {
      unqualified: 'Uncertified resident workers', hoursShort: 'Continuing-education hours short', renewalDue: 'Registrations to renew', name: 'Name', idNumber: 'ID number', station: 'Station',
      since: 'Resident since', latestExam: 'Latest exam', noExam: 'None', deadline: 'Deadline', deadlineLeft: '{{count}} days to the deadline', deadlineOverdue: 'Deadline passed {{count}} days ago',
      year: 'Year', hours: 'Hours done', required: 'Hours required', shortBy: 'Short by', training: 'Training', supervision: 'Supervision', requirements: 'Yearly requirement: assistant {{assistant}} h, intermediate {{intermediate}} h, senior {{senior}} h',
      days: 'Days ahead', certificateNo: 'Certificate no.', registrationNo: 'Registration no.', renewalDueOn: 'Registered until', daysLeft: 'Days left', pending: 'Pending',
      lapsed: 'Lapsed {{count}} days ago', dueIn: 'Due in {{count}} days',
      examResult: { pending: 'Pending', passed: 'Passed', failed: 'Failed', absent: 'Absent' },
    },
  },
};

export default tstatsEnUS;
