import { InjectionToken } from '@angular/core';

/** Where the KPI Governance api is served. The api and the web app share one origin, so this is a path. */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api',
});
