import type talentZhCN from './talent.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The talent pages in English: the same keys as talent.zh-CN. */
const talentEnUS: Shape<typeof talentZhCN> = {
  worker: {
    name: 'Name', sex: 'Sex', birthDate: 'Date of birth', birthYear: 'Year of birth', yearValue: '{{year}}', idNumber: 'ID number', phone: 'Mobile', education: 'Education', major: 'Major',
    category: 'Talent category', region: 'Region', organization: 'Organization', jobTitle: 'Job title', station: 'Resident at', currentLevel: 'Qualification',
    levelNone: 'Not certified', status: 'Status', joinedOn: 'Registered on', leftOn: 'Left on', note: 'Note', positions: 'Positions held', present: 'present',
    qPlaceholder: 'Name', create: 'New worker', edit: 'Edit worker', detail: 'Worker', leave: 'Leave',
    nameRequired: 'Enter the name', idNumberRequired: 'Enter the ID number', categoryRequired: 'Choose the talent category', regionRequired: 'Choose the region',
    fromIdHint: 'From the ID number if blank', keepHint: 'Now {{value}}; leave blank to keep it',
    initialStation: 'Resident station', initialStationHint: 'Resident worker at this station from the registration date',
    revealIdNumberOf: "Show {{name}}'s full ID number", revealPhoneOf: "Show {{name}}'s full mobile number",
    selectPlaceholder: 'Type a name to search', stationPlaceholder: 'Type a station name to search',
    startedOn: 'From', endedOn: 'To', startedOnRequired: 'Choose the start date',
    tabs: { basic: 'Profile', employments: 'Employment', stations: 'Resident stations', qualifications: 'Certificates and titles', exams: 'Exams', trainings: 'Trainings', supervision: 'Supervision' },
    employment: {
      add: 'Record a move', period: 'Period', hint: 'Without an end date this is a move: the current employment ends the day before, and region, organization and job title follow.',
      endedOnHint: 'For a past period',
    },
    assignment: {
      assign: 'Assign to a station', end: 'End residence', endTitle: 'End residence: {{station}}', endedOnHint: 'For a past period', stationRequired: 'Choose the station',
      lastDay: 'Last day at the station', lastDayRequired: 'Choose the last day',
    },
    departure: { title: 'Leave: {{name}}', leftOn: 'Last working day', leftOnRequired: 'Choose the last working day', reason: 'Reason', submit: 'Confirm', done: 'Departure recorded' },
  },
  qualification: {
    certificates: 'Certificates', honors: 'Talent titles', addCertificate: 'Add certificate', editCertificate: 'Edit certificate', level: 'Level', certificateNo: 'Certificate no.',
    certificateNoHint: 'Leave blank if not known yet', numberPending: 'Number pending', confirmNumber: 'Enter number', obtainedOn: 'Obtained on', issuingBody: 'Issued by',
    examYear: 'Exam year', validUntil: 'Valid until', validUntilHint: 'Blank for no end', revokedOn: 'Revoked on', revokeReason: 'Reason for revoking', validity: 'Validity',
    valid: 'Valid', invalid: 'Not valid', validUntilTag: 'Valid until {{date}}', revokedTag: 'Revoked {{date}}', registration: 'Registration', renewalDueTag: 'Renew by {{date}}',
    register: 'Register', renew: 'Renew', registerTitle: 'Register or renew: {{level}}', registeredOn: 'Registered on', registeredOnRequired: 'Choose the registration date',
    renewalDueOn: 'Renew by', renewalDueHint: 'Blank: the end of the registration period', registrationNo: 'Registration no.',
    levelRequired: 'Choose the level', obtainedOnRequired: 'Choose the date obtained', addHonor: 'Add title', honorKind: 'Title', honorLevel: 'Level', honorYear: 'Year',
    awardedBy: 'Awarded by', honorKindRequired: 'Choose the title', honorLevelRequired: 'Choose the level', honorYearRequired: 'Enter the year',
    editHonor: 'Edit title', deleteHonorConfirm: 'Delete this title?',
  },
  exam: {
    worker: 'Name', year: 'Year', level: 'Level', region: 'Registered in', registeredOn: 'Registered on', result: 'Result', resultOn: 'Results published',
    subjectsPassed: 'Subjects passed', subjectsPassedHint: 'Leave unticked when all passed', sponsor: 'Sponsor', sponsorHint: 'Who reimburses fees, books or travel',
    reimbursedItems: 'Reimbursed', reimbursed: 'Amount reimbursed', reimbursedYuan: 'Amount reimbursed (yuan)', certificate: 'Certificate', certificatePending: 'Created, number pending',
    create: 'New registration', recordResult: 'Record result', resultTitle: 'Result: {{name}}, {{year}}, {{level}}',
    passedHint: 'A pass creates the certificate of this level; its number is entered under "Certificates and titles" once the worker receives it.',
    certificateCreated: 'Saved; a certificate was created for {{name}} (number pending)', workerRequired: 'Choose the candidate', yearRequired: 'Enter the year',
    levelRequired: 'Choose the level', resultOnRequired: 'Choose the date results were published',
  },
  development: { trainings: 'Trainings', supervision: 'Supervision' },
  training: {
    worker: 'Worker', pickWorker: 'Choose a worker to see and record their trainings', hoursByYear: 'Continuing-education hours', records: 'Trainings', year: 'Year',
    trainingHours: 'Training', supervisionHours: 'Supervision', totalHours: 'Total', level: 'Level at year end', required: 'Requirement',
    met: 'Met ({{required}} required)', short: 'Short ({{required}} required)', add: 'Record training', addTitle: 'Record training: {{name}}', editTitle: 'Edit training: {{name}}',
    course: 'Course', provider: 'Provider', providerPlaceholder: 'e.g. a social work college', providerOrganization: 'Registered organization', dates: 'Dates',
    hours: 'Hours', hoursHint: 'At most 24 a day', credits: 'Credits', certificateNo: 'Completion certificate no.', courseRequired: 'Enter the course', datesRequired: 'Choose the dates',
    hoursRequired: 'Enter the hours',
    workRegion: 'Works in', yearHint: 'The year the hours count toward: the year of the last day', openWorker: "Open {{name}}'s record",
  },
  supervision: {
    heldOn: 'Date', supervisor: 'Supervisor', supervisorName: "Supervisor's name", outside: 'Outside supervisor', outsideHint: 'When the supervisor is not in the register',
    supervisee: 'Supervisee', supervisees: 'Supervisees', mode: 'Mode', hours: 'Hours', topics: 'Topics', topicsHint: 'Press Enter after each topic',
    notes: 'Notes', station: 'Station', region: 'Region', create: 'Record supervision', edit: 'Edit supervision', supervisorRequired: 'Choose the supervisor',
    superviseesRequired: 'Choose the supervisees', individualOne: 'Individual supervision has one supervisee', groupHint: 'Group supervision takes several; the supervisor is not offered',
    heldOnRequired: 'Choose the date', hoursRequired: 'Enter the hours',
  },
  position: {
    history: 'Holders', neverFilled: 'Nobody has held this post yet', heldFrom: '{{name}}: {{from}} to present', heldFromTo: '{{name}}: {{from}} ~ {{to}}',
    title: 'Position', organization: 'Organization', station: 'Station', region: 'Region', regionHint: "Blank: the station's or organization's region", level: 'Level',
    fundedBy: 'Funded by', fundingNote: 'Funding note', establishedOn: 'Established on', abolishedOn: 'Abolished on', abolishHint: 'Vacate the post first', abolished: 'Abolished',
    abolishedTag: 'Abolished {{date}}', state: 'Occupancy', filled: 'Filled', vacant: 'Vacant', holder: 'Holder', since: 'since {{date}}', create: 'New position', edit: 'Edit position',
    assign: 'Appoint', handOver: 'Hand over', vacate: 'Vacate', assignTitle: 'Appoint: {{title}}', handOverTitle: 'Hand over: {{title}}', vacateTitle: 'Vacate: {{title}}',
    currentHolder: 'Holder: {{name}} (since {{date}})', worker: 'Appointee', workerRequired: 'Choose the appointee', startDay: 'First day', lastDay: "Holder's last day",
    handOverHint: 'The holder leaves the day before', onRequired: 'Choose the date', titleRequired: 'Enter the position', establishedOnRequired: 'Choose the date established',
    levelRequired: 'Choose the level', fundedByRequired: 'Choose the funding',
  },
};

export default talentEnUS;
