export function AccessibilityPage() {
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le service en ligne Orientation s’engage à rendre ses pages accessibles conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005, en appliquant le référentiel général d’amélioration de l’accessibilité (RGAA),
        version 4.1.
      </p>
      <h2>État de conformité</h2>
      <p>
        Le service est <strong>non conforme</strong> au RGAA 4.1 : aucun audit complet n’a encore été réalisé. Les pages
        sont vérifiées automatiquement (axe-core, règles WCAG 2.1 A et AA et RGAA) à chaque modification, ce qui ne
        remplace pas un audit.
      </p>
      <h2>Retour d’information et contact</h2>
      <p>
        Si vous ne parvenez pas à accéder à un contenu ou à un service, contactez l’établissement de votre enfant : il
        peut saisir vos demandes sur papier à votre place et vous transmettre les informations sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que
        vous nous l’avez signalé et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur
        des droits.
      </p>
    </>
  );
}
