import type { en } from '../en';
import type { Translation } from '../translation';
import { common, nav, titles } from './common';
import { signIn } from './sign-in';
import { portfolio } from './portfolio';
import { providers } from './providers';
import { provider } from './provider';
import { kpiDrillDown } from './kpi-drill-down';
import { drift } from './drift';
import { contracts } from './contracts';
import { scorecards } from './scorecards';
import { escalations } from './escalations';
import { alerts } from './alerts';
import { mail } from './mail';
import { ingestion } from './ingestion';
import { reports } from './reports';
import { admin } from './admin';
import { providerAccess } from './provider-access';
import { notFound } from './not-found';
import { dataProtection } from './data-protection';
import { uiEsMx as ui } from '@kpi/web-ui';

/** Mexican Spanish. */
export const esMx: Translation<typeof en> = { common, nav, titles, signIn, portfolio, providers, provider, kpiDrillDown, drift, contracts, scorecards, escalations, alerts, mail, ingestion, reports, admin, providerAccess, notFound, dataProtection, ui };
