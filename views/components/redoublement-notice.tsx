/** Seeds 002–004: the procedure never covers redoublement or special paths. */
export function RedoublementNotice() {
  return (
    <aside class="notice notice--info no-print" aria-label="Redoublement et parcours particuliers">
      <p>
        Cette procédure de dialogue ne s'applique pas au redoublement exceptionnel décidé par le chef d'établissement, ni aux parcours
        particuliers hors système éducatif (services médicalisés, sociaux...) pour lesquels une procédure spécifique existe par ailleurs. Si
        vous êtes dans une de ces situations, veuillez contacter le chef d'établissement.
      </p>
    </aside>
  );
}
