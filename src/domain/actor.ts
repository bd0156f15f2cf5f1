export const STAFF_ROLES = ['head', 'secretary'] as const;
/** `head`: chef d'établissement; `secretary`: secrétariat. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of the family who may act on a pupil's file: a legal representative, or the adult pupil. */
export type FamilyMember = { readonly kind: 'representative'; readonly id: number } | { readonly kind: 'pupil'; readonly id: number };

/** Who is doing something. */
export type Actor =
  | { readonly kind: 'representative'; readonly representativeId: number }
  /** `adult` mirrors the school's « élève majeur » flag at login; a file's own flag is what rights use. */
  | { readonly kind: 'pupil'; readonly pupilId: number; readonly adult: boolean }
  | {
      readonly kind: 'staff';
      readonly staffId: number;
      readonly schoolId: number;
      readonly role: StaffRole;
      /** Set when the school enters a family's paper form: the family member who signed it. */
      readonly onBehalfOf?: FamilyMember;
    }
  /** The closing job. */
  | { readonly kind: 'service' }
  | { readonly kind: 'academy_admin' };

export function sameMember(a: FamilyMember, b: FamilyMember): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** The family member an actor acts as, if any. */
export function actingMember(actor: Actor): FamilyMember | null {
  switch (actor.kind) {
    case 'representative':
      return { kind: 'representative', id: actor.representativeId };
    case 'pupil':
      return { kind: 'pupil', id: actor.pupilId };
    case 'staff':
      return actor.onBehalfOf ?? null;
    default:
      return null;
  }
}
