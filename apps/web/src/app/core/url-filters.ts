import { inject } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { parseQueryFilters, QueryFields, toQueryParams } from './query-filters';

/** A page's filters in its URL: read them once on arrival, write them back (replacing history) on each change. */
export function injectUrlFilters<F>(fields: QueryFields<F>): { read: () => F; write: (filters: NoInfer<F>) => void } {
  const route = inject(ActivatedRoute);
  const router = inject(Router);
  return {
    read: () => parseQueryFilters(fields, route.snapshot.queryParamMap),
    write: (filters) => {
      void router.navigate([], { relativeTo: route, queryParams: toQueryParams(fields, filters), queryParamsHandling: 'merge', replaceUrl: true });
    },
  };
}
