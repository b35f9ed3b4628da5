/** The caller of a request, as the auth middleware puts it on `res.locals.user`. */
export const ROLES = ['clinician', 'billing', 'medical_director', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface AuthenticatedUser {
  id: string;
  name: string;
  role: Role;
}
