// Self-audit of the service against the 106 criteria of the RGAA 4.1 (référentiel général
// d'amélioration de l'accessibilité). The accessibility statement (/accessibilite) and the footer's
// « Accessibilité : … » are computed from it.
//
// Honest by rule: a criterion is « C » only when something checks it — a test named in `test`, or a
// reading of the code described in `how`. A criterion nobody has evaluated yet is « NC » with
// `how` starting « Non évalué » : it counts against the score until someone checks it.
// Pure data and arithmetic: no I/O (views import it).

export type RgaaStatus = 'C' | 'NC' | 'NA';

export type RgaaCriterion = {
  /** « 1.1 » … « 13.12 ». */
  number: string;
  title: string;
  status: RgaaStatus;
  /** How it was checked, or why it does not apply, or what is wrong. */
  how: string;
  /** The test that checks it, when one does. */
  test?: string;
};

export type RgaaTheme = { number: number; name: string };

const AUDIT = 'test/e2e/audit/audit.test.ts';
const SCREEN_READER = 'test/e2e/audit/screen-reader.test.ts';
const FOUNDATION = 'test/e2e/foundation.test.ts';
const NOT_EVALUATED = 'Non évalué : aucun test automatique ne le vérifie et la relecture manuelle reste à faire.';

export const RGAA_AUDIT_DATE = '2026-11-27';

export const RGAA_TOOLS = [
  'axe-core 4.14 (règles WCAG 2.0, 2.1, 2.2 A et AA et RGAA 4), dans Chromium, sur chaque page et chaque état',
  'Validateur HTML du W3C (Nu Html Checker, vnu-jar)',
  'Parcours au clavier automatisé (ordre de tabulation et contour de focus), largeur 320 px, espacement du texte (WCAG 1.4.12), taille des cibles (24 × 24 px)',
  'Arbre d’accessibilité de Chromium (ce que lit un lecteur d’écran), pour les pages des familles',
  'Relecture du code (gabarits et feuille de style)',
];

/** The sample of pages audited (each with its states: errors shown, dialog open, read-only…), with and without JavaScript. */
export const RGAA_AUDITED_PAGES = [
  'Connexion ; changement de mot de passe',
  'Mes enfants ; accueil de l’élève ; orientation d’un enfant (accueil du dossier)',
  'Intentions et choix définitifs (liste, dialogue d’ajout, page d’ajout sans JavaScript, lecture seule) ; récapitulatif imprimable',
  'Avis provisoire et accusé de réception ; propositions du conseil de classe et réponse ; décision',
  'Fiche de renseignements et confirmation de l’adresse électronique',
  'Établissement : accueil, campagne, conseil de classe, suivi des familles, dossier d’un élève, saisies papier, import, comptes, personnels, journal',
  'Académie : établissements, ajout et fiche d’un établissement',
  'Déclaration d’accessibilité, mentions légales, données personnelles, page introuvable ; courriels (hors production)',
];

export const RGAA_THEMES: RgaaTheme[] = [
  { number: 1, name: 'Images' },
  { number: 2, name: 'Cadres' },
  { number: 3, name: 'Couleurs' },
  { number: 4, name: 'Multimédia' },
  { number: 5, name: 'Tableaux' },
  { number: 6, name: 'Liens' },
  { number: 7, name: 'Scripts' },
  { number: 8, name: 'Éléments obligatoires' },
  { number: 9, name: 'Structuration de l’information' },
  { number: 10, name: 'Présentation de l’information' },
  { number: 11, name: 'Formulaires' },
  { number: 12, name: 'Navigation' },
  { number: 13, name: 'Consultation' },
];

const NO_MEDIA = 'Le service ne contient aucun média (ni son, ni vidéo, ni animation).';

export const RGAA_CRITERIA: RgaaCriterion[] = [
  // 1. Images
  { number: '1.1', title: 'Chaque image porteuse d’information a-t-elle une alternative textuelle ?', status: 'NA', how: 'Aucune image porteuse d’information : la seule image est le logo, décoratif.' },
  { number: '1.2', title: 'Chaque image de décoration est-elle correctement ignorée par les technologies d’assistance ?', status: 'C', how: 'Le logo, un SVG en ligne, est masqué (aria-hidden) dans un lien qui porte le nom du service ; axe-core (svg-img-alt, image-alt) sur chaque page.', test: AUDIT },
  { number: '1.3', title: 'Pour chaque image porteuse d’information ayant une alternative textuelle, cette alternative est-elle pertinente ?', status: 'NA', how: 'Aucune image porteuse d’information.' },
  { number: '1.4', title: 'Pour chaque image utilisée comme CAPTCHA ou comme image-test, l’alternative permet-elle d’identifier la nature et la fonction de l’image ?', status: 'NA', how: 'Aucun CAPTCHA.' },
  { number: '1.5', title: 'Pour chaque image utilisée comme CAPTCHA, une solution d’accès alternatif est-elle présente ?', status: 'NA', how: 'Aucun CAPTCHA.' },
  { number: '1.6', title: 'Chaque image porteuse d’information a-t-elle, si nécessaire, une description détaillée ?', status: 'NA', how: 'Aucune image porteuse d’information.' },
  { number: '1.7', title: 'Pour chaque image porteuse d’information ayant une description détaillée, cette description est-elle pertinente ?', status: 'NA', how: 'Aucune image porteuse d’information.' },
  { number: '1.8', title: 'Chaque image texte porteuse d’information doit si possible être remplacée par du texte stylé.', status: 'NA', how: 'Aucune image texte.' },
  { number: '1.9', title: 'Chaque légende d’image est-elle, si nécessaire, correctement reliée à l’image correspondante ?', status: 'NA', how: 'Aucune image légendée.' },
  // 2. Cadres
  { number: '2.1', title: 'Chaque cadre a-t-il un titre de cadre ?', status: 'NA', how: 'Aucun cadre (iframe).' },
  { number: '2.2', title: 'Pour chaque cadre ayant un titre de cadre, ce titre de cadre est-il pertinent ?', status: 'NA', how: 'Aucun cadre (iframe).' },
  // 3. Couleurs
  { number: '3.1', title: 'Dans chaque page web, l’information ne doit pas être donnée uniquement par la couleur.', status: 'NC', how: NOT_EVALUATED },
  { number: '3.2', title: 'Le contraste entre la couleur du texte et la couleur de son arrière-plan est-il suffisamment élevé ?', status: 'C', how: 'axe-core (color-contrast) sur chaque page et chaque état.', test: AUDIT },
  {
    number: '3.3',
    title: 'Les couleurs utilisées dans les composants d’interface ou les éléments graphiques porteurs d’informations sont-elles suffisamment contrastées ?',
    status: 'C',
    how: 'Calculé sur les couleurs de static/app.css : bordure des champs #929292 sur blanc 3,1:1, contour de focus #0a76f6 4,3:1, boutons, cases et boutons radio #000091 plus de 14:1.',
  },
  // 4. Multimédia
  ...[
    ['4.1', 'Chaque média temporel pré-enregistré a-t-il, si nécessaire, une transcription textuelle ou une audiodescription ?'],
    ['4.2', 'Pour chaque média temporel pré-enregistré ayant une transcription textuelle ou une audiodescription synchronisée, celles-ci sont-elles pertinentes ?'],
    ['4.3', 'Chaque média temporel synchronisé pré-enregistré a-t-il, si nécessaire, des sous-titres synchronisés ?'],
    ['4.4', 'Pour chaque média temporel synchronisé pré-enregistré ayant des sous-titres synchronisés, ces sous-titres sont-ils pertinents ?'],
    ['4.5', 'Chaque média temporel pré-enregistré a-t-il, si nécessaire, une audiodescription synchronisée ?'],
    ['4.6', 'Pour chaque média temporel pré-enregistré ayant une audiodescription synchronisée, celle-ci est-elle pertinente ?'],
    ['4.7', 'Chaque média temporel est-il clairement identifiable ?'],
    ['4.8', 'Chaque média non temporel a-t-il, si nécessaire, une alternative ?'],
    ['4.9', 'Pour chaque média non temporel ayant une alternative, cette alternative est-elle pertinente ?'],
    ['4.10', 'Chaque son déclenché automatiquement est-il contrôlable par l’utilisateur ?'],
    ['4.11', 'La consultation de chaque média temporel est-elle, si nécessaire, contrôlable par le clavier et tout dispositif de pointage ?'],
    ['4.12', 'La consultation de chaque média non temporel est-elle contrôlable par le clavier et tout dispositif de pointage ?'],
    ['4.13', 'Chaque média temporel et non temporel est-il compatible avec les technologies d’assistance ?'],
  ].map(([number, title]): RgaaCriterion => ({ number: number!, title: title!, status: 'NA', how: NO_MEDIA })),
  // 5. Tableaux
  { number: '5.1', title: 'Chaque tableau de données complexe a-t-il un résumé ?', status: 'NC', how: NOT_EVALUATED },
  { number: '5.2', title: 'Pour chaque tableau de données complexe ayant un résumé, celui-ci est-il pertinent ?', status: 'NC', how: NOT_EVALUATED },
  { number: '5.3', title: 'Pour chaque tableau de mise en forme, le contenu linéarisé reste-t-il compréhensible ?', status: 'NA', how: 'Aucun tableau de mise en forme : la mise en page est en CSS.' },
  { number: '5.4', title: 'Pour chaque tableau de données ayant un titre, le titre est-il correctement associé au tableau de données ?', status: 'C', how: 'Chaque tableau a un <caption> (relu : 7 tableaux, 7 légendes).' },
  { number: '5.5', title: 'Pour chaque tableau de données ayant un titre, celui-ci est-il pertinent ?', status: 'NC', how: NOT_EVALUATED },
  { number: '5.6', title: 'Pour chaque tableau de données, chaque en-tête de colonnes et chaque en-tête de lignes sont-ils correctement déclarés ?', status: 'C', how: 'En-têtes <th scope="col"> et <th scope="row"> (relu) ; axe-core (th-has-data-cells, td-headers-attr).', test: AUDIT },
  { number: '5.7', title: 'Pour chaque tableau de données, la technique appropriée permettant d’associer chaque cellule avec ses en-têtes est-elle utilisée ?', status: 'C', how: 'Attribut scope sur chaque <th> (relu).' },
  { number: '5.8', title: 'Chaque tableau de mise en forme ne doit pas utiliser d’éléments propres aux tableaux de données.', status: 'NA', how: 'Aucun tableau de mise en forme.' },
  // 6. Liens
  { number: '6.1', title: 'Chaque lien est-il explicite ?', status: 'NC', how: NOT_EVALUATED },
  { number: '6.2', title: 'Dans chaque page web, chaque lien a-t-il un intitulé ?', status: 'C', how: 'axe-core (link-name) sur chaque page et chaque état.', test: AUDIT },
  // 7. Scripts
  { number: '7.1', title: 'Chaque script est-il, si nécessaire, compatible avec les technologies d’assistance ?', status: 'C', how: 'Dialogues natifs (<dialog>, modaux et nommés), région live pour les annonces : lus dans l’arbre d’accessibilité de Chromium.', test: SCREEN_READER },
  { number: '7.2', title: 'Pour chaque script ayant une alternative, cette alternative est-elle pertinente ?', status: 'C', how: 'Chaque page et chaque action fonctionnent sans JavaScript (htmx n’est qu’une amélioration) : l’audit parcourt tout sans JavaScript.', test: AUDIT },
  { number: '7.3', title: 'Chaque script est-il contrôlable par le clavier et par tout dispositif de pointage ?', status: 'C', how: 'Parcours au clavier de chaque page et de chaque dialogue ouvert, JavaScript activé.', test: AUDIT },
  { number: '7.4', title: 'Pour chaque script qui initie un changement de contexte, l’utilisateur est-il averti ou en a-t-il le contrôle ?', status: 'C', how: 'Relu : aucun envoi au changement d’un champ (aucun hx-trigger) ; chaque échange suit un clic ou un envoi de formulaire.' },
  { number: '7.5', title: 'Dans chaque page web, les messages de statut sont-ils correctement restitués par les technologies d’assistance ?', status: 'C', how: 'Région role="status" annonçant le résultat de chaque action htmx ; erreurs en role="alert".', test: SCREEN_READER },
  // 8. Éléments obligatoires
  { number: '8.1', title: 'Chaque page web est-elle définie par un type de document ?', status: 'C', how: 'Validateur Nu sur chaque document servi.', test: AUDIT },
  { number: '8.2', title: 'Pour chaque page web, le code source généré est-il valide selon le type de document spécifié ?', status: 'C', how: 'Validateur Nu : 0 erreur sur chaque document servi et sur le DOM des dialogues ouverts.', test: AUDIT },
  { number: '8.3', title: 'Dans chaque page web, la langue par défaut est-elle présente ?', status: 'C', how: 'axe-core (html-has-lang).', test: AUDIT },
  { number: '8.4', title: 'Pour chaque page web ayant une langue par défaut, le code de langue est-il pertinent ?', status: 'C', how: 'lang="fr" ; axe-core (html-lang-valid).', test: AUDIT },
  { number: '8.5', title: 'Chaque page web a-t-elle un titre de page ?', status: 'C', how: 'axe-core (document-title) ; un <title> non vide par page.', test: FOUNDATION },
  { number: '8.6', title: 'Pour chaque page web ayant un titre de page, ce titre est-il pertinent ?', status: 'C', how: 'Titres distincts, préfixés « Erreur : » en cas d’erreur ; le titre de niveau 1 reprend le titre de la page.', test: SCREEN_READER },
  { number: '8.7', title: 'Dans chaque page web, chaque changement de langue est-il indiqué dans le code source ?', status: 'NA', how: 'Tout le contenu est en français.' },
  { number: '8.8', title: 'Dans chaque page web, le code de langue de chaque changement de langue est-il valide et pertinent ?', status: 'NA', how: 'Aucun changement de langue.' },
  { number: '8.9', title: 'Dans chaque page web, les balises ne doivent pas être utilisées uniquement à des fins de présentation.', status: 'NC', how: NOT_EVALUATED },
  { number: '8.10', title: 'Dans chaque page web, les changements du sens de lecture sont-ils signalés ?', status: 'NA', how: 'Aucun texte écrit de droite à gauche.' },
  // 9. Structuration
  { number: '9.1', title: 'Dans chaque page web, l’information est-elle structurée par l’utilisation appropriée de titres ?', status: 'C', how: 'Un seul titre de niveau 1 par page, aucun niveau sauté : vérifié sur chaque page et chaque état.', test: AUDIT },
  { number: '9.2', title: 'Dans chaque page web, la structure du document est-elle cohérente ?', status: 'C', how: 'Gabarit unique : en-tête (banner), navigation du compte, contenu principal (main), pied de page (contentinfo).', test: SCREEN_READER },
  { number: '9.3', title: 'Dans chaque page web, chaque liste est-elle correctement structurée ?', status: 'C', how: 'axe-core (list, listitem, definition-list, dlitem).', test: AUDIT },
  { number: '9.4', title: 'Dans chaque page web, chaque citation est-elle correctement indiquée ?', status: 'NA', how: 'Aucune citation.' },
  // 10. Présentation
  { number: '10.1', title: 'Dans le site web, des feuilles de styles sont-elles utilisées pour contrôler la présentation de l’information ?', status: 'C', how: 'Toute la présentation est dans static/app.css ; la politique de sécurité du contenu refuse tout attribut style.' },
  { number: '10.2', title: 'Le contenu visible porteur d’information reste-t-il présent lorsque les feuilles de styles sont désactivées ?', status: 'NC', how: NOT_EVALUATED },
  { number: '10.3', title: 'L’information reste-t-elle compréhensible lorsque les feuilles de styles sont désactivées ?', status: 'NC', how: NOT_EVALUATED },
  { number: '10.4', title: 'Le texte reste-t-il lisible lorsque la taille des caractères est augmentée jusqu’à 200 %, au moins ?', status: 'C', how: 'Tailles en rem ; chaque page se lit à 320 px de large (zoom 400 %) sans défilement horizontal.', test: AUDIT },
  { number: '10.5', title: 'Les déclarations CSS de couleurs de fond d’élément et de police sont-elles correctement utilisées ?', status: 'NC', how: NOT_EVALUATED },
  { number: '10.6', title: 'Chaque lien dont la nature n’est pas évidente est-il visible par rapport au texte environnant ?', status: 'C', how: 'Relu : les liens restent soulignés (seuls les liens en forme de bouton et le logo ne le sont pas).' },
  { number: '10.7', title: 'Pour chaque élément recevant le focus, la prise de focus est-elle visible ?', status: 'C', how: 'Chaque arrêt de tabulation de chaque page : contour calculé d’au moins 2 px.', test: AUDIT },
  { number: '10.8', title: 'Les contenus cachés ont-ils vocation à être ignorés par les technologies d’assistance ?', status: 'NC', how: NOT_EVALUATED },
  { number: '10.9', title: 'L’information ne doit pas être donnée uniquement par la forme, taille ou position.', status: 'NC', how: NOT_EVALUATED },
  { number: '10.10', title: 'L’information ne doit pas être donnée par la forme, taille ou position uniquement (implémentation pertinente).', status: 'NC', how: NOT_EVALUATED },
  { number: '10.11', title: 'Les contenus peuvent-ils être présentés sans défilement horizontal à 320 px de large (ou vertical à 256 px de haut) ?', status: 'C', how: 'Chaque page et chaque état à 320 px de large, avec et sans JavaScript.', test: AUDIT },
  { number: '10.12', title: 'Les propriétés d’espacement du texte peuvent-elles être redéfinies par l’utilisateur sans perte de contenu ou de fonctionnalité ?', status: 'C', how: 'Espacements de WCAG 1.4.12 injectés sur chaque page : aucun contenu coupé.', test: AUDIT },
  { number: '10.13', title: 'Les contenus additionnels apparaissant à la prise de focus ou au survol sont-ils contrôlables par l’utilisateur ?', status: 'NA', how: 'Aucune infobulle ni contenu affiché au survol ou au focus.' },
  { number: '10.14', title: 'Les contenus additionnels apparaissant via les styles CSS uniquement peuvent-ils être rendus visibles au clavier et par tout dispositif de pointage ?', status: 'C', how: 'Le seul contenu révélé par CSS est le lien d’évitement, qui apparaît au focus.', test: FOUNDATION },
  // 11. Formulaires
  { number: '11.1', title: 'Chaque champ de formulaire a-t-il une étiquette ?', status: 'C', how: 'axe-core (label, select-name) ; nom accessible de chaque champ lu dans l’arbre d’accessibilité.', test: SCREEN_READER },
  { number: '11.2', title: 'Chaque étiquette associée à un champ de formulaire est-elle pertinente ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.3', title: 'Chaque étiquette associée à un champ ayant la même fonction et répété plusieurs fois est-elle cohérente ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.4', title: 'Chaque étiquette de champ et son champ associé sont-ils accolés ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.5', title: 'Les champs de même nature sont-ils regroupés, si nécessaire ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.6', title: 'Chaque regroupement de champs de même nature a-t-il une légende ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.7', title: 'Chaque légende associée à un regroupement de champs de même nature est-elle pertinente ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.8', title: 'Les items de même nature d’une liste de choix sont-ils regroupés de manière pertinente ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.9', title: 'L’intitulé de chaque bouton est-il pertinent ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.10', title: 'Le contrôle de saisie est-il utilisé de manière pertinente ?', status: 'NC', how: NOT_EVALUATED },
  { number: '11.11', title: 'Le contrôle de saisie est-il accompagné, si nécessaire, de suggestions facilitant la correction des erreurs de saisie ?', status: 'NC', how: NOT_EVALUATED },
  {
    number: '11.12',
    title: 'Pour chaque formulaire qui modifie des données ou a des conséquences juridiques, les données saisies peuvent-elles être modifiées, mises à jour ou récupérées ?',
    status: 'C',
    how: 'Rien n’est enregistré avant « Valider » (intentions, choix définitifs) ; la réponse aux propositions passe par « Vérifier ma réponse » avant « Confirmer ».',
    test: 'test/e2e/famille-definitive.test.ts',
  },
  { number: '11.13', title: 'La finalité d’un champ de saisie peut-elle être déduite pour faciliter le remplissage automatique ?', status: 'C', how: 'Relu : autocomplete="username", "current-password", "new-password", "email" sur les champs qui concernent l’utilisateur ; axe-core (autocomplete-valid).', test: AUDIT },
  // 12. Navigation
  { number: '12.1', title: 'Chaque ensemble de pages dispose-t-il de deux systèmes de navigation différents, au moins ?', status: 'NC', how: 'Un seul système : l’en-tête (accueil, compte) et les liens de retour ; ni plan du site ni recherche.' },
  { number: '12.2', title: 'Dans chaque ensemble de pages, le menu et les barres de navigation sont-ils toujours à la même place ?', status: 'C', how: 'Gabarit unique (views/layout.tsx) : en-tête et pied de page identiques partout.' },
  { number: '12.3', title: 'La page « plan du site » est-elle pertinente ?', status: 'NA', how: 'Pas de plan du site.' },
  { number: '12.4', title: 'Dans chaque ensemble de pages, la page « plan du site » est-elle atteignable de manière identique ?', status: 'NA', how: 'Pas de plan du site.' },
  { number: '12.5', title: 'Dans chaque ensemble de pages, le moteur de recherche est-il atteignable de manière identique ?', status: 'NA', how: 'Pas de moteur de recherche.' },
  { number: '12.6', title: 'Les zones de regroupement de contenus présentes dans plusieurs pages peuvent-elles être atteintes ou évitées ?', status: 'C', how: 'Repères banner, navigation, main, contentinfo ; lien d’évitement.', test: SCREEN_READER },
  { number: '12.7', title: 'Dans chaque page web, un lien d’évitement ou d’accès rapide à la zone de contenu principal est-il présent ?', status: 'C', how: '« Aller au contenu », premier arrêt de tabulation de chaque page.', test: FOUNDATION },
  { number: '12.8', title: 'Dans chaque page web, l’ordre de tabulation est-il cohérent ?', status: 'C', how: 'Chaque page : Tab atteint chaque élément interactif dans l’ordre du document.', test: AUDIT },
  { number: '12.9', title: 'Dans chaque page web, la navigation ne doit pas contenir de piège au clavier.', status: 'C', how: 'Le parcours au clavier atteint chaque élément ; un dialogue se ferme par Échap ou « Annuler ».', test: AUDIT },
  { number: '12.10', title: 'Les raccourcis clavier n’utilisant qu’une seule touche sont-ils contrôlables par l’utilisateur ?', status: 'NA', how: 'Aucun raccourci clavier.' },
  { number: '12.11', title: 'Les contenus additionnels apparaissant au survol, à la prise de focus ou à l’activation d’un composant sont-ils atteignables au clavier ?', status: 'C', how: 'Le dialogue d’ajout ouvert est parcouru au clavier.', test: AUDIT },
  // 13. Consultation
  { number: '13.1', title: 'Pour chaque page web, l’utilisateur a-t-il le contrôle de chaque limite de temps modifiant le contenu ?', status: 'NC', how: 'La session se ferme après 2 heures d’inactivité (12 heures au plus) sans avertissement ni prolongation ; la saisie en cours est gardée sur le serveur.' },
  { number: '13.2', title: 'L’ouverture d’une nouvelle fenêtre ne doit pas être déclenchée sans action de l’utilisateur.', status: 'C', how: 'Relu : aucun target="_blank" ni window.open.' },
  { number: '13.3', title: 'Chaque document bureautique en téléchargement possède-t-il, si nécessaire, une version accessible ?', status: 'C', how: 'Le seul fichier téléchargeable est l’export CSV de l’établissement, du texte lisible tel quel ; le récapitulatif imprimable est une page HTML.' },
  { number: '13.4', title: 'Pour chaque document bureautique ayant une version accessible, cette version offre-t-elle la même information ?', status: 'NA', how: 'Aucune version de remplacement n’est nécessaire.' },
  { number: '13.5', title: 'Chaque contenu cryptique (art ASCII, émoticône, syntaxe cryptique) a-t-il une alternative ?', status: 'NA', how: 'Aucun contenu cryptique.' },
  { number: '13.6', title: 'Pour chaque contenu cryptique ayant une alternative, cette alternative est-elle pertinente ?', status: 'NA', how: 'Aucun contenu cryptique.' },
  { number: '13.7', title: 'Les changements brusques de luminosité ou les effets de flash sont-ils correctement utilisés ?', status: 'NA', how: 'Aucun flash ni animation.' },
  { number: '13.8', title: 'Chaque contenu en mouvement ou clignotant est-il contrôlable par l’utilisateur ?', status: 'NA', how: 'Aucun contenu en mouvement.' },
  { number: '13.9', title: 'Le contenu proposé est-il consultable quelle que soit l’orientation de l’écran ?', status: 'C', how: 'Relu : aucune règle CSS ni script ne dépend de l’orientation ; mise en page fluide vérifiée à 320 px.', test: AUDIT },
  { number: '13.10', title: 'Les fonctionnalités disponibles au moyen d’un geste complexe peuvent-elles être également disponibles au moyen d’un geste simple ?', status: 'NA', how: 'Aucun geste complexe.' },
  { number: '13.11', title: 'Les actions déclenchées au moyen d’un dispositif de pointage sur un point unique de l’écran peuvent-elles faire l’objet d’une annulation ?', status: 'C', how: 'Relu : seuls des liens et boutons natifs, activés au relâchement.' },
  { number: '13.12', title: 'Les fonctionnalités qui impliquent un mouvement de l’appareil peuvent-elles être satisfaites de manière alternative ?', status: 'NA', how: 'Aucune fonctionnalité liée au mouvement.' },
];

export type RgaaConformity = 'totalement conforme' | 'partiellement conforme' | 'non conforme';

export type RgaaScore = { conformant: number; nonConformant: number; notApplicable: number; applicable: number; percent: number; conformity: RgaaConformity };

/** RGAA rule: conformant ÷ applicable criteria; 100 % « totalement », ≥ 50 % « partiellement », else « non conforme ». */
export function rgaaScore(criteria: RgaaCriterion[] = RGAA_CRITERIA): RgaaScore {
  const conformant = criteria.filter((criterion) => criterion.status === 'C').length;
  const nonConformant = criteria.filter((criterion) => criterion.status === 'NC').length;
  const applicable = conformant + nonConformant;
  const percent = applicable === 0 ? 100 : (conformant / applicable) * 100;
  const conformity: RgaaConformity = percent >= 100 ? 'totalement conforme' : percent >= 50 ? 'partiellement conforme' : 'non conforme';
  return { conformant, nonConformant, notApplicable: criteria.length - applicable, applicable, percent, conformity };
}
