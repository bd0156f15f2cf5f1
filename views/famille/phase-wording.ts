import type { Phase } from './orientation-types.js';

/** The words of each phase's list editor (intentions, choix définitifs), from seeds 003 and 004. */
export type PhaseWording = {
  segment: string;
  pageTitle: string;
  header: string;
  lead: string;
  /** « Intention 2 » */
  item: string;
  /** « l'intention 2 » in button labels */
  itemInText: string;
  none: string;
  add: string;
  dialogTitle: string;
  validate: string;
  draftBanner: string;
  draftKept: string;
  validated: string;
  modify: string;
  authorOnly: string;
  recapTitle: string;
  added: (rank: number) => string;
  moved: (rank: number) => string;
  removed: string;
  dropped: string;
  rules: (max: number) => string;
  /** How a wish is named in the récapitulatif: « Intention 1 », « Rang 1 » (seed 003). */
  recapItem: string;
  /** Under the list being edited. */
  rankHint: string;
  /** The recap page's query string. */
  recapQuery: string;
};

const NUMBERS: Record<number, string> = { 3: 'trois' };

export const PHASE_WORDING: Record<Phase, PhaseWording> = {
  provisional: {
    segment: 'intentions',
    pageTitle: 'Intentions provisoires',
    header: "Deuxième trimestre ou premier semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation.",
    lead: 'Nous souhaitons pour la rentrée prochaine :',
    item: 'Intention',
    itemInText: "l'intention",
    none: "Aucune intention n'est saisie pour le moment.",
    add: 'Ajouter une intention',
    dialogTitle: 'Saisie des intentions',
    validate: 'Valider',
    draftBanner: "Vous devez valider vos intentions afin qu'elles soient prises en compte.",
    draftKept: 'Votre saisie en cours est conservée : vous pouvez quitter cette page et y revenir plus tard pour la valider.',
    validated:
      "Vos intentions ont bien été validées. Un e-mail de confirmation va vous être envoyé, si une adresse électronique valide est indiquée dans votre fiche de renseignements. Si ce n'est pas le cas, vous pouvez la compléter à partir du portail Scolarité Services. Vous pouvez modifier vos demandes d'orientation jusqu'à la fermeture du service.",
    modify: 'Modifier',
    authorOnly:
      "Seul le représentant ayant saisi les intentions peut apporter des modifications. Les intentions saisies sont en consultation pour l'autre représentant légal et l'élève.",
    recapTitle: "Récapitulatif des intentions d'orientation",
    recapItem: 'Intention',
    rankHint: "Le rang détermine l'ordre de préférence. Les intentions peuvent être reclassées ou supprimées.",
    recapQuery: '',
    added: (rank) => `Intention ajoutée au rang ${rank}`,
    moved: (rank) => `Intention déplacée au rang ${rank}`,
    removed: 'Intention supprimée',
    dropped: 'Les modifications non validées ont été abandonnées',
    rules: (max) =>
      `Vous devez obligatoirement saisir une intention. Vous pouvez en saisir jusqu'à ${NUMBERS[max] ?? max}. Leur ordre d'affichage correspond à votre ordre de préférence.`,
  },
  final: {
    segment: 'choix-definitifs',
    pageTitle: 'Choix définitifs',
    header: 'Troisième trimestre DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s).',
    lead: 'Nous souhaitons pour la rentrée prochaine :',
    item: 'Choix définitif',
    itemInText: 'le choix définitif',
    none: "Aucun choix définitif n'est saisi pour le moment.",
    add: 'Ajouter un choix définitif',
    dialogTitle: 'Saisie des choix définitifs',
    validate: 'Valider les choix définitifs',
    draftBanner: "Vous devez valider vos choix définitifs afin qu'ils soient pris en compte.",
    draftKept: 'Votre saisie en cours est conservée : vous pouvez quitter cette page et y revenir plus tard pour la valider.',
    validated:
      "Vos choix définitifs ont bien été validés. Un courriel de confirmation va être envoyé aux représentants légaux si une adresse électronique valide est indiquée dans leur fiche de renseignements. Si ce n'est pas le cas, chaque représentant peut la compléter à partir du portail Scolarité Services. Vous pouvez modifier vos demandes d'orientation jusqu'à la fermeture du téléservice.",
    modify: 'Modifier',
    authorOnly:
      "Seul le représentant ayant saisi les choix définitifs peut apporter des modifications. Les choix saisis sont en consultation pour l'autre représentant légal et l'élève.",
    recapTitle: 'Récapitulatif des choix définitifs',
    recapItem: 'Rang',
    rankHint: "Le rang détermine l'ordre de préférence. Les choix définitifs peuvent être reclassés ou supprimés.",
    recapQuery: '?phase=definitive',
    added: (rank) => `Choix définitif ajouté au rang ${rank}`,
    moved: (rank) => `Choix définitif déplacé au rang ${rank}`,
    removed: 'Choix définitif supprimé',
    dropped: 'Les modifications non validées ont été abandonnées',
    rules: (max) =>
      `Vous devez obligatoirement saisir une voie d'orientation ou un autre parcours. Vous pouvez en saisir jusqu'à ${max}. Leur ordre d'affichage correspond à votre ordre de préférence.`,
  },
};
