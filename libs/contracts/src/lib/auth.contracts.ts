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
}
