import type { PupilHeader } from '../famille/orientation-types.js';

/** Whose file this is: the child's name, division and school. */
export function PupilBanner({ pupil }: { pupil: PupilHeader }) {
  return (
    <p class="pupil-banner">
      <span class="pupil-banner__name">
        {pupil.firstName} {pupil.lastName}
      </span>{' '}
      — {pupil.divisionName}, {pupil.schoolName}
    </p>
  );
}
