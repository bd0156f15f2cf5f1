import type { StepView } from '../famille/orientation-types.js';

/** « 1 Intentions provisoires · 2 Choix définitifs · 3 Décision », the current step told to assistive technology. */
export function Stepper({ steps }: { steps: StepView[] }) {
  return (
    <nav class="stepper" aria-label="Étapes de la procédure d’orientation">
      <ol class="stepper__list">
        {steps.map((step) => (
          <li class={step.current ? 'stepper__step stepper__step--current' : 'stepper__step'} aria-current={step.current ? 'step' : undefined}>
            <span class="stepper__number" aria-hidden="true">
              {step.number}
            </span>{' '}
            <span class="visually-hidden">Étape {step.number} : </span>
            {step.label}
            {/* aria-current is not read by every screen reader: the words say it too. */}
            {step.current ? <span class="visually-hidden"> (étape en cours)</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
