import type { providerAccess as en } from '../en/provider-access';
import type { Translation } from '../translation';

export const providerAccess: Translation<typeof en> = {
  title: 'Quién consultó {{provider}}',
  thisProvider: 'este proveedor',
  lead: 'Consultas de las páginas de este proveedor, descargas de reportes y exportaciones, lo más reciente primero.',
  back: 'Volver al proveedor',
  loadError: 'No se pudo cargar el registro de accesos',
  tableName: 'Accesos a los datos de este proveedor',
  total: '{{count}} accesos registrados.',
  emptyHeading: 'No hay accesos registrados',
  emptyMessage: 'Nadie ha consultado ni descargado los datos de este proveedor todavía.',
  loading: 'Cargando el registro de accesos…',
  allowed: 'Permitido',
  refused: 'Rechazado ({{status}})',
  columns: {
    when: 'Cuándo',
    who: 'Quién',
    what: 'Qué',
    outcome: 'Resultado',
  },
  actions: {
    provider_view: 'Consultó la página del proveedor',
    provider_kpi_trend_view: 'Consultó una tendencia de KPI',
    provider_sla_view: 'Consultó el cumplimiento de SLA',
    provider_scorecard_view: 'Consultó el scorecard',
    report_download: 'Descargó un reporte',
    provider_export: 'Exportó datos',
  },
};
