import { DriftEventBus } from './drift-event-bus';
import { DRIFT_TRANSITIONS, DriftTransition } from './drift.events';

const transition: DriftTransition = {
  name: DRIFT_TRANSITIONS.opened,
  eventId: 'e1',
  providerId: 'p1',
  siteId: null,
  serviceLine: null,
  kpiCode: 'aht',
  kind: 'drift',
  direction: 'adverse',
  dataDate: '2026-10-31',
  magnitude: 0.1,
  explanation: 'AHT has risen.',
};

describe('DriftEventBus', () => {
  it('delivers each transition to every listener; a failing listener does not stop the others', async () => {
    const bus = new DriftEventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    const off = bus.subscribe((t) => {
      seen.push(t.eventId);
    });
    await bus.publish([transition, { ...transition, eventId: 'e2', name: DRIFT_TRANSITIONS.resolved }]);
    expect(seen).toEqual(['e1', 'e2']);
    off();
    await bus.publish([transition]);
    expect(seen).toEqual(['e1', 'e2']);
  });
});
