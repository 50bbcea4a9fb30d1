export const ROLES = ['agent', 'team_leader', 'manager', 'control_desk', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginRequest {
  username: string;
  password: string;
}
export interface LoginResponse {
  accessToken: string;
}

/** `GET /api/v1/me` (spec/interfaces.md). */
export interface Me {
  username: string;
  roles: Role[];
  agentId: string | null;
  teamIds: string[];
  siteIds: string[];
}
