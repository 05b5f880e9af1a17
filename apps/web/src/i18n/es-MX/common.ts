import type { common as en, nav as enNav, titles as enTitles } from '../en/common';
import type { Translation } from '../translation';

export const common: Translation<typeof en> = {
  appName: 'KPI Governance',
  skipToContent: 'Saltar al contenido principal',
  signOut: 'Cerrar sesión',
  signingOut: 'Cerrando sesión…',
  language: 'Idioma',
  languages: { en: 'English', 'es-MX': 'Español (México)' },
  loading: 'Cargando…',
  retry: 'Reintentar',
  liveUpdated: 'Actualizado {{time}}',
  roles: { admin: 'Administrador', account_manager: 'Gerente de cuenta', executive: 'Directivo', provider: 'Líder del proveedor' },
};

export const nav: Translation<typeof enNav> = {
  main: 'Principal',
  portfolio: 'Portafolio',
  drift: 'Desviaciones',
  providers: 'Proveedores',
  kpis: 'KPIs',
  contracts: 'Contratos',
  scorecards: 'Tarjetas de desempeño',
  escalations: 'Escalamientos',
  alerts: 'Alertas',
  mail: 'Correo',
  ingestion: 'Ingesta',
  reports: 'Reportes',
  admin: 'Administración',
};

export const titles: Translation<typeof enTitles> = {
  signIn: 'Iniciar sesión',
  portfolio: 'Portafolio',
  drift: 'Desviaciones',
  driftEvent: 'Evento de desviación',
  providers: 'Proveedores',
  provider: 'Proveedor',
  kpiDrillDown: 'Detalle de KPI',
  contracts: 'Contratos de SLA',
  contract: 'Contrato de SLA',
  scorecards: 'Tarjetas de desempeño',
  escalations: 'Escalamientos',
  escalationMatrices: 'Matrices de escalamiento',
  escalation: 'Escalamiento',
  alerts: 'Mis alertas',
  mail: 'Correo',
  ingestion: 'Ingesta',
  reports: 'Reportes',
  admin: 'Administración',
  kpiCatalog: 'Catálogo de KPIs',
  auditTrail: 'Bitácora de auditoría',
  dataProtection: 'Protección de datos',
  providerAccess: 'Quién accedió a este proveedor',
  notFound: 'Página no encontrada',
};
