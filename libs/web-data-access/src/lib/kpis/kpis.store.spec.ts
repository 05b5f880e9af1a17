import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { KpiDefinitionDto } from '@kpi/contracts';
import { KpisStore } from './kpis.store';

const customKpi: KpiDefinitionDto = {
  code: 'refund_accuracy',
  name: 'Refund accuracy',
  description: 'Refunds without error / refunds audited',
  unit: 'percent',
  direction: 'higher_is_better',
  aggregation: 'ratio_of_sums',
  numeratorLabel: 'refunds without error',
  denominatorLabel: 'refunds audited',
  displayPrecision: 1,
  band: null,
  builtIn: false,
  serviceLines: ['back_office'],
  customKind: 'ratio_of_sums',
  valueLabel: null,
  weightLabel: null,
};

describe('KpisStore', () => {
  let store: KpisStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(KpisStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the catalog once', () => {
    store.ensureLoaded();
    store.ensureLoaded();
    http.expectOne('/api/kpis').flush([customKpi]);
    store.ensureLoaded();

    expect(store.definitionFor('refund_accuracy').name).toBe('Refund accuracy');
  });

  it('falls back to the built-in catalog, then to a neutral plain number', () => {
    expect(store.definitionFor('aht')).toMatchObject({ name: 'Average handle time', unit: 'seconds' });
    expect(store.definitionFor('occupancy').band).toEqual({ low: 0.85, high: 0.9 });
    expect(store.definitionFor('mystery')).toMatchObject({ name: 'mystery', unit: 'count', direction: 'target_band' });
  });
});
