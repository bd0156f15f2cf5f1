export function LegalNoticePage({ academyName }: { academyName: string }) {
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Ce service est édité par l’{academyName} pour les familles et les établissements de son ressort. Il met en
        œuvre la procédure de dialogue d’orientation de fin de 3e et de fin de 2de.
      </p>
      <h2>Hébergement</h2>
      <p>Le service est hébergé par l’académie ou par le prestataire qu’elle a désigné.</p>
      <h2>Logiciel</h2>
      <p>Orientation est un logiciel libre : son code source peut être librement consulté, réutilisé et amélioré.</p>
    </>
  );
}
