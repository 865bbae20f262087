import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createQualification, createWorker } from '../../../test/factories.ts';
import { countCertifiedOn } from './talent-asof.repo.ts';
import { workerEmployments } from './workers.table.ts';

const t = useTestApp();

describe('as-of counting on the talent tables', () => {
  it('"how many certified in 4412 on 2023-12-31" replays moves, revocations, departures and double employment', async () => {
    const db = t.database.db;
    const employ = (workerId: string, regionCode: string, startedOn: string, endedOn: string | null = null) =>
      db.insert(workerEmployments).values({ workerId, regionCode, startedOn, endedOn });
    // Moved from 端州 to 广州 in 2024: counted in 4412 at the end of 2023, not of 2024.
    const moved = await createWorker(db, t.pii, { regionCode: '440103', joinedOn: '2030-01-01' });
    await employ(moved.id, '441202', '2019-01-01', '2024-02-29');
    await employ(moved.id, '440103', '2024-03-01');
    await createQualification(db, { workerId: moved.id, level: 'assistant', obtainedOn: '2020-10-01', examYear: 2020 });
    // Works in two counties of 肇庆 at once: one person.
    const twice = await createWorker(db, t.pii, { joinedOn: '2018-01-01' });
    await employ(twice.id, '441203', '2021-01-01');
    await createQualification(db, {
      workerId: twice.id,
      level: 'intermediate',
      obtainedOn: '2021-10-01',
      examYear: 2021,
    });
    // Certified only in 2024.
    const late = await createWorker(db, t.pii, { joinedOn: '2018-01-01' });
    await createQualification(db, { workerId: late.id, obtainedOn: '2024-10-01', examYear: 2024 });
    // Revoked mid-2023.
    const revoked = await createWorker(db, t.pii, { joinedOn: '2018-01-01' });
    await createQualification(db, {
      workerId: revoked.id,
      obtainedOn: '2019-10-01',
      examYear: 2019,
      revokedOn: '2023-06-01',
    });
    // Left on 2023-06-30: their period in 肇庆 ends that day.
    const gone = await createWorker(db, t.pii, { joinedOn: '2030-01-01' });
    await employ(gone.id, '441202', '2018-01-01', '2023-06-30');
    await createQualification(db, { workerId: gone.id, obtainedOn: '2019-10-01', examYear: 2019 });

    const all = [''];
    expect(await countCertifiedOn(db, all, '4412', '2023-12-31')).toBe(2);
    expect(await countCertifiedOn(db, all, '4412', '2023-12-31', 'intermediate')).toBe(1);
    expect(await countCertifiedOn(db, all, '4412', '2023-05-31')).toBe(4);
    expect(await countCertifiedOn(db, all, '4412', '2024-12-31')).toBe(2);
    expect(await countCertifiedOn(db, all, '4401', '2024-12-31')).toBe(1);
    expect(await countCertifiedOn(db, ['441203'], '4412', '2023-12-31')).toBe(1);
  });
});
