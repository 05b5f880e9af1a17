import { ServiceLineCode } from '@kpi/domain';

/**
 * Other spellings of service lines seen in provider files (compared after `normaliseName`: case, accents
 * and punctuation do not matter). Genesys media types and Amazon Connect channels are included.
 */
export const SERVICE_LINE_ALIASES: Readonly<Record<ServiceLineCode, readonly string[]>> = {
  voice: ['voz', 'phone', 'telefono', 'telephone', 'calls', 'llamadas', 'inbound voice', 'call', 'callback'],
  chat: ['chat', 'webchat', 'web chat', 'messaging', 'mensajeria', 'message', 'whatsapp'],
  email: ['e-mail', 'mail', 'correo', 'correo electronico', 'email'],
  back_office: ['backoffice', 'back office', 'bo', 'task', 'tasks', 'tareas', 'procesamiento'],
  finance_accounting: [
    'f&a',
    'fa',
    'finance',
    'finanzas',
    'contabilidad',
    'finance and accounting',
    'finanzas y contabilidad',
  ],
  it_helpdesk: [
    'help desk',
    'helpdesk',
    'service desk',
    'servicedesk',
    'mesa de ayuda',
    'soporte ti',
    'it support',
    'it',
  ],
};

/** Other names of the built-in KPIs in provider files (English abbreviations and Spanish names). */
export const KPI_ALIASES: Readonly<Record<string, readonly string[]>> = {
  service_level: ['sl', 'ns', 'nivel de servicio', 'service level pct', 'nivel servicio'],
  asa: ['average speed of answer', 'tme', 'tiempo medio de espera', 'velocidad promedio de respuesta'],
  aht: ['average handle time', 'tmo', 'tiempo medio de operacion', 'tiempo promedio de atencion'],
  abandonment_rate: ['abandonment', 'abandono', 'tasa de abandono', 'abandon rate', 'pct abandono'],
  fcr: [
    'first contact resolution',
    'first call resolution',
    'resolucion en primer contacto',
    'resolucion primer contacto',
  ],
  csat: ['customer satisfaction', 'satisfaction', 'satisfaccion', 'satisfaccion del cliente'],
  nps: ['net promoter score'],
  qa_score: ['qa', 'quality', 'calidad', 'quality score', 'puntaje de calidad'],
  qa_autofail_rate: ['autofail rate', 'auto fail rate', 'tasa de falla critica'],
  occupancy: ['ocupacion'],
  shrinkage: ['merma', 'reductores'],
  schedule_adherence: ['adherence', 'adherencia', 'apego', 'apego al horario'],
  attrition: ['rotacion', 'turnover'],
  accuracy: ['precision', 'exactitud', 'calidad de datos'],
  tat_compliance: ['tat', 'turnaround', 'cumplimiento de tat', 'en tiempo'],
  backlog: ['pendientes', 'rezago', 'open items'],
  invoice_cycle_time: ['cycle time', 'tiempo de ciclo'],
  first_pass_match_rate: ['first pass match', 'fpmr', 'match rate'],
};
