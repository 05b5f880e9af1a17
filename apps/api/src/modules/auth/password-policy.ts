import { COMMON_PASSWORDS } from './common-passwords.constants';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * What is wrong with a new password (empty when it is acceptable): at least 12 characters, not the account's
 * email (or its part before the @), not a well-known password. Length over composition rules, as NIST SP 800-63B advises.
 */
export function passwordProblems(password: string, context: { email: string }): string[] {
  const problems: string[] = [];
  const normalized = password.trim().toLowerCase();
  const email = context.email.trim().toLowerCase();
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (email !== '' && (normalized === email || normalized === email.split('@')[0])) problems.push('The password must not be your email address');
  else if (COMMON_PASSWORDS.has(normalized)) problems.push('This password is too common and easy to guess; choose another one');
  return problems;
}
