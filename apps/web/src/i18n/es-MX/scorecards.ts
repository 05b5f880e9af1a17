import type { scorecards as en } from '../en/scorecards';
import type { Translation } from '../translation';

export const scorecards: Translation<typeof en> = {
  title: 'Scorecards',
  lead: 'Proveedores ordenados por una calificación de 0 a 100 a partir del cumplimiento de SLA, la calidad, la respuesta a escalaciones y la puntualidad de los datos.',
  leadWithPeriod: 'Proveedores ordenados por una calificación de 0 a 100 a partir del cumplimiento de SLA, la calidad, la respuesta a escalaciones y la puntualidad de los datos, {{period}}.',
  loadError: 'No se pudo cargar la clasificación',
  loading: 'Calificando proveedores…',
  tableName: 'Clasificación de proveedores',
  emptyHeading: 'No hay proveedores que clasificar',
  emptyMessage: 'Tu cuenta aún no tiene proveedores asignados.',
  notAvailable: 'n/d',
  components: {
    sla_attainment: 'Cumplimiento de SLA',
    qa_score: 'Calificación de calidad',
    escalation_responsiveness: 'Respuesta a escalaciones',
    data_timeliness: 'Puntualidad de los datos',
  },
  columns: {
    rank: 'Posición',
    provider: 'Proveedor',
    score: 'Calificación',
  },
  weights: {
    heading: 'Pesos',
    note: 'Cualquier número no negativo; se normalizan para sumar 100 %. Un componente sin datos se omite y los demás se escalan.',
    lastSetBy: 'Último cambio por {{name}}.',
    saved: 'Pesos guardados; la clasificación ya los usa.',
    saving: 'Guardando…',
    save: 'Guardar pesos',
  },
};
