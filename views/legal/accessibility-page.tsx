import {
  RGAA_AUDIT_DATE,
  RGAA_AUDITED_PAGES,
  RGAA_CRITERIA,
  RGAA_THEMES,
  RGAA_TOOLS,
  rgaaScore,
  type RgaaCriterion,
} from '../../src/legal/rgaa-audit.js';

const formatPercent = (value: number) => `${value.toLocaleString('fr-FR', { maximumFractionDigits: 0 })} %`;
const formatDate = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
const themeOf = (criterion: RgaaCriterion) => RGAA_THEMES.find((theme) => criterion.number.startsWith(`${theme.number}.`))!;

/**
 * « Déclaration d’accessibilité », on the RGAA model: everything on it is computed from the
 * self-audit (src/legal/rgaa-audit.ts), so that it never says more than what was checked.
 */
export function AccessibilityPage({ academyName }: { academyName: string }) {
  const score = rgaaScore();
  const failing = RGAA_CRITERIA.filter((criterion) => criterion.status === 'NC');
  const evaluatedFailing = failing.filter((criterion) => !criterion.how.startsWith('Non évalué'));
  const notEvaluated = failing.filter((criterion) => criterion.how.startsWith('Non évalué'));
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’{academyName} s’engage à rendre ses services en ligne accessibles, conformément à l’article 47 de la loi
        n° 2005-102 du 11 février 2005. Cette déclaration d’accessibilité s’applique au service en ligne Orientation.
      </p>

      <h2>État de conformité</h2>
      <p>
        Le service Orientation est <strong>{score.conformity}</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        L’auto-évaluation réalisée par l’équipe du service le {formatDate(RGAA_AUDIT_DATE)} révèle que{' '}
        {formatPercent(score.percent)} des critères du RGAA 4.1 applicables sont respectés : {score.conformant} critères
        conformes sur {score.applicable} applicables ({score.nonConformant} non conformes, {score.notApplicable} non
        applicables, sur 106).
      </p>
      <p>
        Un critère n’est compté conforme que lorsqu’un test automatique ou une relecture l’a vérifié ; un critère qui
        n’a pas encore été évalué est compté non conforme.
      </p>

      <h2>Contenus non accessibles</h2>
      <h3>Non-conformités constatées</h3>
      <ul>
        {evaluatedFailing.map((criterion) => (
          <li>
            Critère {criterion.number} ({themeOf(criterion).name}) : {criterion.how}
          </li>
        ))}
      </ul>
      <h3>Critères pas encore évalués</h3>
      <p>Ces critères restent à vérifier à la main ; ils sont comptés non conformes en attendant :</p>
      <p>{notEvaluated.map((criterion) => criterion.number).join(', ')}.</p>

      <h2>Établissement de cette déclaration d’accessibilité</h2>
      <p>Cette déclaration a été établie le {formatDate(RGAA_AUDIT_DATE)}.</p>
      <h3>Technologies utilisées pour la réalisation du service</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS</li>
        <li>JavaScript (amélioration seulement : chaque page fonctionne sans)</li>
      </ul>
      <h3>Environnement de test et outils utilisés</h3>
      <p>Chromium (Debian), avec et sans JavaScript, à 1280 et à 320 pixels de large.</p>
      <ul>
        {RGAA_TOOLS.map((tool) => (
          <li>{tool}</li>
        ))}
      </ul>
      <h3>Pages du service ayant fait l’objet de la vérification de conformité</h3>
      <p>Toutes les pages du service, chacune dans chacun de ses états (erreurs affichées, dialogue ouvert, lecture seule) :</p>
      <ul>
        {RGAA_AUDITED_PAGES.map((page) => (
          <li>{page}</li>
        ))}
      </ul>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’établissement de votre enfant : il
        peut saisir vos demandes sur papier à votre place et vous transmettre les informations sous une autre forme. Vous
        pouvez aussi écrire au service Orientation de l’{academyName}.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité du
        service, que vous nous l’avez signalé et que vous n’avez pas obtenu de réponse rapide, vous êtes en droit de
        faire parvenir vos doléances ou une demande de saisine au Défenseur des droits. Plusieurs moyens sont à votre
        disposition :
      </p>
      <ul>
        <li>
          écrire un message au Défenseur des droits par son formulaire en ligne, à l’adresse
          formulaire.defenseurdesdroits.fr ;
        </li>
        <li>
          contacter le délégué du Défenseur des droits dans votre région (liste sur defenseurdesdroits.fr, rubrique
          « Saisir ») ;
        </li>
        <li>
          envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse
          71120, 75342 Paris CEDEX 07.
        </li>
      </ul>

      <h2>Détail de l’auto-évaluation</h2>
      {RGAA_THEMES.map((theme) => (
        <>
          <h3>
            {theme.number}. {theme.name}
          </h3>
          <ul class="rgaa-criteria">
            {RGAA_CRITERIA.filter((criterion) => themeOf(criterion) === theme).map((criterion) => (
              <li>
                <strong>
                  {criterion.number} — {criterion.status === 'C' ? 'conforme' : criterion.status === 'NC' ? 'non conforme' : 'non applicable'}
                </strong>{' '}
                : {criterion.title} {criterion.how}
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}
