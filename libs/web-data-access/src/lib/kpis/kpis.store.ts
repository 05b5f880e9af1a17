import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { KpiDefinitionDto } from '@kpi/contracts';
import { findBuiltInKpi } from '@kpi/domain';
import { Loadable } from '../core/loadable';
import { KpisApi } from './kpis.api';

/** What the web app needs to show a KPI: its name, unit, precision and which way is good. */
export type KpiDisplayDefinition = Pick<
  KpiDefinitionDto,
  'code' | 'name' | 'description' | 'unit' | 'direction' | 'displayPrecision' | 'band'
>;

/**
 * The KPI catalog, loaded once per app session (definitions are the same for every user). Lookups fall back to
 * the built-in catalog of `@kpi/domain`, so values still format correctly while the catalog loads or if it fails.
 */
@Injectable({ providedIn: 'root' })
export class KpisStore {
  private readonly api = inject(KpisApi);
  private readonly catalog = new Loadable<KpiDefinitionDto[]>();

  readonly definitions = computed(() => this.catalog.data() ?? []);
  readonly status = this.catalog.status;
  readonly error = this.catalog.error;
  private readonly byCode = computed(() => new Map(this.definitions().map((kpi) => [kpi.code, kpi])));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.catalog.cancel());
  }

  /** Loads the catalog unless it is loaded or loading. */
  ensureLoaded(): void {
    const status = this.catalog.status();
    if (status === 'success' || status === 'loading') return;
    this.catalog.load(this.api.list());
  }

  /** Loads the catalog again (after an admin changed a custom KPI); what was loaded stays visible meanwhile. */
  reload(): void {
    this.catalog.load(this.api.list());
  }

  /** The definition of a KPI code; reads the catalog signal, so it is reactive inside `computed`. */
  definitionFor(code: string): KpiDisplayDefinition {
    return this.byCode().get(code) ?? builtInOrUnknown(code);
  }
}

function builtInOrUnknown(code: string): KpiDisplayDefinition {
  const builtIn = findBuiltInKpi(code);
  if (builtIn) {
    return {
      code: builtIn.code,
      name: builtIn.name,
      description: builtIn.description,
      unit: builtIn.unit,
      direction: builtIn.direction,
      displayPrecision: builtIn.displayPrecision,
      band: builtIn.band ? { low: builtIn.band.low, high: builtIn.band.high } : null,
    };
  }
  // An unknown KPI is shown as a plain number and never judged good or bad.
  return {
    code,
    name: code,
    description: '',
    unit: 'count',
    direction: 'target_band',
    displayPrecision: 2,
    band: null,
  };
}
