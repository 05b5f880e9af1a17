import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DestroyRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LiveChangesDto } from '@kpi/contracts';
import { changedKinds, LIVE_POLL_INTERVAL_MS, LiveUpdates } from './live-updates';

const base: LiveChangesDto = { ingestion: '2026-11-20T10:00:00.000Z', drift: null, escalations: '2026-11-19T09:00:00.000Z' };

describe('changedKinds', () => {
  it('reports nothing for the first answer and exactly the kinds that moved after', () => {
    expect(changedKinds(null, base)).toEqual([]);
    expect(changedKinds(base, { ...base, drift: '2026-11-21T08:00:00.000Z' })).toEqual(['drift']);
    expect(changedKinds(base, base)).toEqual([]);
  });
});

describe('LiveUpdates', () => {
  let live: LiveUpdates;
  let http: HttpTestingController;
  const destroy = { callbacks: [] as (() => void)[], onDestroy(fn: () => void) { this.callbacks.push(fn); return () => undefined; } };

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), { provide: LIVE_POLL_INTERVAL_MS, useValue: 1000 }] });
    live = TestBed.inject(LiveUpdates);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    live.stop();
    jest.useRealTimers();
  });

  it('sends the last ETag, stays quiet on 304 and notifies only listeners of the kinds that changed', () => {
    const onDrift = jest.fn();
    const onEscalations = jest.fn();
    live.onChange(['drift'], onDrift, destroy as unknown as DestroyRef);
    live.onChange(['escalations', 'ingestion'], onEscalations, destroy as unknown as DestroyRef);
    live.start();

    http.expectOne('/api/live/changes').flush(base, { headers: { ETag: '"v1"' } });
    jest.advanceTimersByTime(1000);
    const second = http.expectOne('/api/live/changes');
    expect(second.request.headers.get('If-None-Match')).toBe('"v1"');
    second.flush(null, { status: 304, statusText: 'Not Modified' });
    expect(onDrift).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1000);
    http.expectOne('/api/live/changes').flush({ ...base, escalations: '2026-11-21T10:00:00.000Z' }, { headers: { ETag: '"v2"' } });
    expect(onEscalations).toHaveBeenCalledTimes(1);
    expect(onDrift).not.toHaveBeenCalled();
    expect(live.lastChangeAt()).not.toBeNull();
  });

  it('forgets listeners of destroyed pages, and stops polling on stop()', () => {
    const listener = jest.fn();
    live.onChange(['drift'], listener, destroy as unknown as DestroyRef);
    live.start();
    http.expectOne('/api/live/changes').flush(base, { headers: { ETag: '"v1"' } });
    destroy.callbacks.forEach((fn) => fn());
    jest.advanceTimersByTime(1000);
    http.expectOne('/api/live/changes').flush({ ...base, drift: '2026-11-21T08:00:00.000Z' }, { headers: { ETag: '"v2"' } });
    expect(listener).not.toHaveBeenCalled();

    live.stop();
    jest.advanceTimersByTime(5000);
    http.expectNone('/api/live/changes');
  });
});
