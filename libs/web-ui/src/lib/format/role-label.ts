import { Role } from '@kpi/contracts';
import type { Translate } from '../i18n/translate';

/** "Account manager": the role names are the app's `common.roles.*` strings (the shell shows them too). */
export function roleLabel(role: Role, t: Translate): string {
  return t('common.roles.' + role);
}
