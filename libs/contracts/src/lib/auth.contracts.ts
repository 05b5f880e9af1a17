export type Role = 'admin' | 'account_manager' | 'executive' | 'provider';

export const ROLES: readonly Role[] = ['admin', 'account_manager', 'executive', 'provider'];

export interface LoginRequest {
  email: string;
  password: string;
}

export interface CurrentUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** For role "provider": the provider the user works for. */
  providerId: string | null;
  /** Ids of the providers the user may see; null means all providers (admin, executive). */
  providerIds: string[] | null;
}

/** Answer to sign-in and refresh. The refresh token travels only in an httpOnly cookie. */
export interface SessionResponse {
  accessToken: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
  user: CurrentUser;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  providerId: string | null;
  providerIds: string[];
  createdAt: string;
  /** When an admin disabled the account (it cannot sign in and its sessions were ended); null when active. */
  disabledAt: string | null;
}

/** POST /api/admin/users. Without a password the account cannot sign in with one until an admin sets it. */
export interface CreateUserRequest {
  email: string;
  displayName: string;
  role: Role;
  /** Required for role "provider": the provider the user works for. */
  providerId?: string | null;
  /** For role "account_manager": the providers they look after. */
  providerIds?: string[];
  password?: string;
}

/** PATCH /api/admin/users/:id. Changing role or providers, or disabling, signs the user out everywhere. */
export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  providerId?: string | null;
  providerIds?: string[];
  disabled?: boolean;
}

/** POST /api/admin/users/:id/password (an admin sets a new password; the user's sessions end). */
export interface SetPasswordRequest {
  password: string;
}

/** POST /api/auth/password: change my own password; my other sessions end. */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Answer of GET /api/auth/sso/config: whether the sign-in page offers single sign-on. */
export interface SsoConfigResponse {
  enabled: boolean;
  /** The identity provider's name for the button (e.g. "Contoso Entra ID"); null = a generic label. */
  label: string | null;
}

/**
 * Why a single sign-on attempt ended back on the sign-in page (`/sign-in?ssoError=<code>`):
 * the identity provider refused or was unreachable, the attempt expired or did not match, or the account may not sign in.
 */
export type SsoErrorCode = 'unavailable' | 'denied' | 'expired' | 'invalid' | 'no_email' | 'no_role' | 'disabled' | 'provider_account';
