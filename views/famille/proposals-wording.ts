/** The words of the phase définitive after the choix: propositions, réponse, accord, décision (seeds 000–003). */

export const CHOICES_INTRO =
  'Vous formulez vos choix définitifs qui seront étudiés par le conseil de classe du troisième trimestre. Vous pourrez alors consulter les propositions émises par ce dernier et y répondre. Vous pouvez avec votre enfant vous informer sur les formations envisagées et celles conseillées par le conseil de classe pour préciser vos choix des trois enseignements de spécialité en voie générale ou d’une série en voie technologique :';

export const CHOICES_LINKS = ['sur le site Horizons 21 ;', 'sur le site de l’Onisep « La voie technologique en première et terminale ».'] as const;

export const PROPOSALS_WORDING = {
  pageTitle: 'Propositions du conseil de classe',
  header: 'Troisième trimestre — PROPOSITION(S) DU CONSEIL DE CLASSE',
  homeLead: 'Le conseil de classe a étudié vos choix et vous pouvez consulter ses propositions définitives et donner votre réponse :',
  explanation: [
    'd’accord : la proposition du conseil de classe devient la décision d’orientation, notifiée par le chef d’établissement ;',
    'pas d’accord : le dialogue continue, prenez contact avec le chef d’établissement.',
  ],
  vocational:
    'En cas de demande d’accès à la voie professionnelle, le conseil de classe répond par un avis favorable ou défavorable, vous n’avez pas de réponse à donner à cet avis. Vous pouvez prendre contact avec le chef d’établissement pour poursuivre le dialogue.',
  eitherRepresentative: 'L’un ou l’autre des représentants légaux peut répondre aux propositions du conseil de classe',
  notPublished: 'Les propositions du conseil de classe ne sont pas encore publiées. Elles seront visibles ici après le conseil de classe du troisième trimestre.',
  responseLegend: 'Votre réponse aux propositions du conseil de classe',
  responseHint: 'Cochez la ou les voies que vous acceptez, ou « N’accepter aucune proposition ».',
  refuseAll: 'N’accepter aucune proposition',
  check: 'Vérifier ma réponse',
  checkTitle: 'Vérification de votre réponse',
  checkFinal: 'Une fois confirmée, votre réponse sera transmise au chef d’établissement et ne pourra plus être modifiée.',
  confirm: 'Confirmer ma réponse',
  change: 'Modifier ma réponse',
  bothTicked:
    'Vous ne pouvez pas à la fois accepter une voie et cocher « N’accepter aucune proposition » : choisissez l’un ou l’autre.',
  nothingTicked: 'Cochez au moins une voie à accepter, ou « N’accepter aucune proposition ».',
  accordLegend: 'Êtes-vous d’accord avec cette réponse ?',
  accordMissing: 'Indiquez si vous êtes d’accord avec cette réponse : « Oui » ou « Non ».',
  leave: 'Vous n’avez pas répondu aux propositions du conseil de classe, êtes-vous sûr de vouloir quitter cette page ?',
  answered: 'Votre réponse aux propositions du conseil de classe est enregistrée.',
  accordGiven: 'Votre réponse est enregistrée.',
  decisionTitle: 'Décision d’orientation',
  becomesDecision: 'La proposition du conseil de classe devient décision d’orientation',
  dialogue:
    'Le dialogue continue avec le chef d’établissement : veuillez vous rapprocher immédiatement du chef d’établissement pour convenir d’un entretien.',
  refusedIntro: 'Vous n’avez accepté aucune des propositions du conseil de classe.',
  paperProcedure: 'La procédure papier est maintenue pour les situations de désaccord et la phase d’appel.',
} as const;

/** What the second representative is told meanwhile, per campaign setting (seeds 000, 001, 002). */
export const ACCORD_SETTING_TEXT = {
  presumed: (until: string | null) =>
    `Sans réponse de votre part${until ? ` avant le ${until}` : ' avant la fermeture du service'}, vous serez considéré comme d’accord avec cette réponse.`,
  required: (until: string | null) =>
    `La décision d’orientation attend votre accord. Sans réponse de votre part${until ? ` avant le ${until}` : ' avant la fermeture du service'}, le dossier passera en dialogue avec le chef d’établissement.`,
  none: 'La réponse d’un seul représentant légal suffit : votre accord n’est pas demandé.',
} as const;

export const DIALOGUE_CAUSE_TEXT = {
  refusal: 'Aucune des propositions du conseil de classe n’a été acceptée.',
  disagreement: 'Les représentants légaux ne sont pas d’accord sur la réponse aux propositions du conseil de classe.',
  noAnswer: 'Aucune réponse n’a été donnée aux propositions du conseil de classe avant la fermeture du service.',
  noAccord: 'L’accord du second représentant légal n’a pas été donné avant la fermeture du service.',
} as const;
