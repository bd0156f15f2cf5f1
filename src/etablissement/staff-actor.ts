import type { CurrentUser } from '../auth/current-user.js';
import type { Actor, FamilyMember } from '../domain/actor.js';
import type { HistoryActor } from '../history/history.js';

type StaffUser = CurrentUser & { staff: NonNullable<CurrentUser['staff']> };

/** The signed-in staff member as the rules see them (optionally entering a family's paper form). */
export function staffActor(user: StaffUser, onBehalfOf?: FamilyMember): Actor {
  const { staff } = user;
  return { kind: 'staff', staffId: staff.id, schoolId: staff.schoolId, role: staff.role, ...(onBehalfOf ? { onBehalfOf } : {}) };
}

/** The same person as the history names them: « Claire Dumont (chef d’établissement) ». */
export function staffHistoryActor(user: StaffUser, onBehalfOf?: string): HistoryActor & { kind: 'staff' } {
  return {
    kind: 'staff',
    accountId: user.accountId,
    name: user.displayName,
    role: user.staff.role === 'head' ? 'chef d’établissement' : 'secrétariat',
    onBehalfOf: onBehalfOf ?? null,
  };
}

export function asStaffUser(user: CurrentUser | null): StaffUser {
  if (!user?.staff) throw new Error('A staff route was reached without a staff member signed in.');
  return user as StaffUser;
}
