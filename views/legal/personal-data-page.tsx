export function PersonalDataPage() {
  return (
    <>
      <h1>Données personnelles</h1>
      <p>
        Le service traite les données nécessaires à la procédure d’orientation : identité de l’élève et de ses
        représentants légaux, classe, adresse électronique si vous l’avez communiquée, demandes d’orientation, avis et
        propositions du conseil de classe, réponses et décisions.
      </p>
      <h2>Finalité</h2>
      <p>
        Ces données servent uniquement au dialogue d’orientation entre la famille et l’établissement, et à
        l’information des familles par courrier électronique.
      </p>
      <h2>Qui y a accès</h2>
      <ul>
        <li>les représentants légaux de l’élève et l’élève lui-même ;</li>
        <li>le chef d’établissement et le secrétariat de l’établissement de l’élève.</li>
      </ul>
      <h2>Traçabilité</h2>
      <p>Chaque modification du dossier d’un élève est enregistrée : qui, quand, et quoi.</p>
      <h2>Cookies</h2>
      <p>
        Le service n’utilise qu’un seul cookie, indispensable à la connexion. Il ne contient aucune information
        personnelle et disparaît à la fermeture du navigateur. Aucun cookie de mesure d’audience ni de publicité.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous pouvez accéder aux données vous concernant et demander leur rectification auprès de l’établissement de
        votre enfant.
      </p>
    </>
  );
}
