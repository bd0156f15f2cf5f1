import type { ChildSummary } from './child-types.js';

export function ChildrenPage({ pupils }: { pupils: ChildSummary[] }) {
  return (
    <>
      <h1>Mes enfants</h1>
      {pupils.length === 0 ? (
        <p>Aucun enfant n’est rattaché à votre compte. Contactez l’établissement de votre enfant.</p>
      ) : (
        <>
          <p>Choisissez l’enfant dont vous voulez suivre l’orientation.</p>
          <ul class="card-list">
            {pupils.map((child) => (
              <li class="card">
                <h2>
                  {child.firstName} {child.lastName}
                </h2>
                <p>
                  {child.divisionName} — {child.schoolName}
                </p>
                <a href={`/orientation/${child.pupilId}`}>
                  Orientation<span class="visually-hidden"> de {child.firstName} {child.lastName}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
