import type { portfolio as en } from '../en/portfolio';
import type { Translation } from '../translation';

export const portfolio: Translation<typeof en> = {
  title: 'Portafolio',
  lead: 'Últimos 7 días con datos de cada proveedor, comparados con los 7 días anteriores.',
  loading: 'Cargando tus proveedores…',
  errorHeading: 'No se pudo cargar el portafolio',
  emptyHeading: 'No hay proveedores para mostrar',
  emptyMessage: 'Tu cuenta todavía no tiene proveedores asignados. Pide a un administrador que te dé acceso a los proveedores que gestionas.',
  counts: {
    label: 'Pendientes',
    escalations: 'Escalamientos abiertos',
    drift: 'Eventos de deriva abiertos',
    staleFeeds: 'Fuentes sin datos recientes',
  },
  heatmap: {
    heading: 'Estado de SLA por proveedor y KPI',
    lead: 'Cada celda: el estado de SLA del KPI en su periodo de medición actual (el peor de sus niveles de servicio), el valor de los últimos 7 días y su tendencia.',
    tableName: 'Mapa de calor de SLA',
    provider: 'Proveedor',
    lastData: 'Últimos datos {{date}}',
    noDataYet: 'Aún no se reciben datos',
    noDataForDays: 'Sin datos desde hace {{days}} días',
    noServiceLevel: 'Sin nivel de servicio',
    cellLabel: '{{kpi}} en {{provider}}: {{status}}, {{value}}',
    target: 'Meta {{target}}, mínimo {{minimum}} ({{serviceLevel}}, {{period}}: {{value}})',
    legend: 'Leyenda',
    columns: { provider: 'Proveedor', code: 'Clave', kpi: 'KPI', status: 'Estado', value: 'Valor', previousValue: '7 días anteriores' },
  },
  status: { met: 'Cumplido', at_risk: 'En riesgo', breached: 'Incumplido', no_data: 'Sin datos' },
  trend: {
    up: 'sube',
    down: 'baja',
    flat: 'sin cambio',
    spoken: '{{direction}} desde {{previous}}, {{judgement}}',
    judgement: { good: 'mejor', bad: 'peor', neutral: 'ni mejor ni peor' },
  },
  ranking: {
    heading: 'Ranking de scorecards',
    lead: 'Scorecards de {{from}} a {{to}}, comparados con {{previousFrom}} a {{previousTo}}.',
    tableName: 'Ranking de scorecards',
    empty: 'Todavía no hay scorecards.',
    columns: { rank: 'Lugar', provider: 'Proveedor', score: 'Puntaje', previousScore: 'Puntaje anterior', change: 'Cambio' },
  },
  worstChanges: {
    heading: 'Los peores cambios desde la semana pasada',
    lead: 'Los KPI de proveedores que más empeoraron: últimos 7 días contra los 7 días anteriores, según la dirección de cada KPI.',
    tableName: 'Peores cambios desde la semana pasada',
    empty: 'Nada empeoró desde la semana pasada.',
    columns: { provider: 'Proveedor', kpi: 'KPI', previousValue: '7 días anteriores', value: 'Últimos 7 días', change: 'Empeoramiento', status: 'Estado de SLA' },
  },
};
