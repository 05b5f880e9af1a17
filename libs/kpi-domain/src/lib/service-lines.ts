import { ServiceLineCode } from './kpi-definition';

export interface ServiceLineDefinition {
  readonly code: ServiceLineCode;
  readonly name: string;
}

export const SERVICE_LINES: readonly ServiceLineDefinition[] = [
  { code: 'voice', name: 'Voice' },
  { code: 'chat', name: 'Chat' },
  { code: 'email', name: 'Email' },
  { code: 'back_office', name: 'Back office' },
  { code: 'finance_accounting', name: 'Finance & accounting' },
  { code: 'it_helpdesk', name: 'IT help desk' },
];
