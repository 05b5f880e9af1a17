import { JOB_NAMES } from '../../jobs/job-names';
import { JobQueue } from '../../jobs/job-queue.port';
import { DriftProcessor } from './drift.processor';
import { DriftService, EvaluateDriftJob } from './drift.service';

describe('DriftProcessor', () => {
  it('registers the evaluate-drift worker and hands each payload to the service', async () => {
    let handler: ((data: EvaluateDriftJob) => Promise<void>) | undefined;
    const jobs = {
      enqueue: jest.fn(),
      work: jest.fn(async (_name: string, h: (data: EvaluateDriftJob) => Promise<void>) => {
        handler = h;
      }),
    } as unknown as JobQueue;
    const summary = {
      providerId: 'p',
      reason: 'x',
      series: { full: 0, incremental: 1, unchanged: 0 },
      qaGroups: { full: 0, incremental: 0 },
      transitions: { opened: 1, worsened: 0, resolved: 0 },
      ms: 3,
    };
    const runJob = jest.fn().mockResolvedValue([summary]);
    const processor = new DriftProcessor(jobs, { runJob } as unknown as DriftService);
    await processor.onModuleInit();
    expect(jobs.work).toHaveBeenCalledWith(JOB_NAMES.evaluateDrift, expect.any(Function));
    const payload: EvaluateDriftJob = {
      scope: 'provider',
      providerId: 'p',
      kpiCodes: ['aht'],
      fromDate: '2026-10-01',
      reason: 'ingestion',
    };
    await handler!(payload);
    expect(runJob).toHaveBeenCalledWith(payload);
    runJob.mockRejectedValueOnce(new Error('db down'));
    await expect(processor.handle({ scope: 'all', reason: 'nightly' })).rejects.toThrow('db down');
  });
});
