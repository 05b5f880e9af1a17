import type { providers as en } from '../en/providers';
import type { Translation } from '../translation';

export const providers: Translation<typeof en> = {
  title: 'Proveedores',
  lead: 'Los proveedores de outsourcing que gestionas, desde dónde operan y qué servicios prestan.',
  loadError: 'No se pudieron cargar los proveedores',
  loading: 'Cargando proveedores…',
  emptyHeading: 'No hay proveedores que mostrar',
  emptyMessage: 'Tu cuenta aún no tiene proveedores asignados. Pide a un administrador que te dé acceso a los proveedores que gestionas.',
  tableName: 'Proveedores',
  caption: 'Proveedores, sus sitios y líneas de servicio',
  columns: { provider: 'Proveedor', code: 'Clave', sites: 'Sitios', serviceLines: 'Líneas de servicio', lastData: 'Últimos datos' },
  noSites: 'Sin sitios',
  none: 'Ninguna',
  noDataYet: 'Aún sin datos',
};
