import type { signIn as en } from '../en/sign-in';
import type { Translation } from '../translation';

export const signIn: Translation<typeof en> = {
  title: 'Iniciar sesión',
  lead: 'Da seguimiento a los SLA y KPI de tus proveedores en todos sus sitios.',
  email: 'Correo electrónico',
  emailRequired: 'Escribe tu correo electrónico.',
  emailInvalid: 'Escribe un correo electrónico válido.',
  password: 'Contraseña',
  passwordRequired: 'Escribe tu contraseña.',
  submit: 'Iniciar sesión',
  submitting: 'Iniciando sesión…',
  or: 'o',
  sso: 'Iniciar sesión con inicio de sesión único',
  ssoWith: 'Iniciar sesión con {{name}}',
  ssoErrors: {
    unavailable: 'El inicio de sesión único no está disponible en este momento. Inténtalo más tarde o entra con tu contraseña.',
    denied: 'El inicio de sesión en tu organización se canceló o fue rechazado.',
    expired: 'El intento de inicio de sesión único expiró. Inténtalo de nuevo.',
    invalid: 'No se pudo completar el inicio de sesión único. Inténtalo de nuevo.',
    no_email: 'Tu organización no compartió un correo electrónico verificado de tu cuenta.',
    no_role: 'Tu cuenta no pertenece a ningún grupo con acceso a KPI Governance. Pide a un administrador que te agregue a uno.',
    disabled: 'Tu cuenta de KPI Governance está desactivada. Consulta a un administrador.',
    provider_account: 'Las cuentas de proveedor inician sesión con su correo electrónico y contraseña.',
  },
};
