export const ROLES = ['agent', 'team_leader', 'manager', 'control_desk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  username: string;
  password: string;
}
export interface LoginResponse {
  accessToken: string;
  /** Set when the user must choose a new password (PATCH me/password) before anything else. */
  mustChangePassword?: boolean;
}

/** `PATCH /api/v1/me/password`: answered with a fresh LoginResponse (older tokens die). */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** `GET /api/v1/me` (spec/interfaces.md). */
export interface Me {
  username: string;
  roles: Role[];
  agentId: string | null;
  teamIds: string[];
  siteIds: string[];
  /** True while the user must change their password; every other route answers 403 until then. */
  mustChangePassword?: boolean;
}
