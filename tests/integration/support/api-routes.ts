import type { INestApplication } from '@nestjs/common';

export interface ApiRoute {
  /** Upper-case HTTP method. */
  method: string;
  /** Express path template, e.g. `/api/providers/:id`. */
  path: string;
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every endpoint registered on the running Nest app (from the Express router), sorted. Left out: the
 * `/api` and `/api/{*path}` catch-alls (they answer unknown api paths with a JSON 404) and the Swagger UI
 * under `/api/docs` (static documentation, registered by @nestjs/swagger, not by a controller).
 */
export function listApiRoutes(app: INestApplication): ApiRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] }; _router?: { stack: RouterLayer[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes: ApiRoute[] = [];
  for (const layer of stack) {
    if (!layer.route) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const path of paths) {
      if (!path.startsWith('/api/') || path.includes('{*') || path.startsWith('/api/docs')) continue;
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path });
      }
    }
  }
  const unique = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return [...unique.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
