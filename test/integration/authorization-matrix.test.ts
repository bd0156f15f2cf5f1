import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFingerprint } from '../support/fingerprint.js';
import { sharedDemoPasswordHash } from '../support/database.js';
import { RIGHTS_MESSAGES } from '../../src/domain/rights.js';
import { createTestApp, mainText, TestClient, type TestApp } from '../support/test-app.js';

// The authorisation matrix: every route of the application (read from Hono's route table, so a
// new route without a row below fails this test) × every kind of person × their own resource and
// somebody else's. A resource that is not yours answers 404 — never 403, which would tell that it
// exists — and nothing is written.
//
// Resources are seen from the Collège Lucie Aubrac and Léa Martin's family:
//   « à soi »     Léa Martin (3e A, Lucie Aubrac), her division, her school's campaign, an import of
//                 her school, a mail to her representative, an address link asked by famille.aubrac.1 ;
//   « d’autrui »  Hugo Petit (3e B, Jean Zay), his division, his school, an import of Jean Zay, a mail
//                 to his representative, an address link asked by famille.zay.1.
// So « chef × d’autrui » is the head of another school, « secrétariat × d’autrui » its secretary.
//
// Outcomes: ok       = let through (200, 303 elsewhere than the login page, or the form refused:
//                      400/409/422 with its French message — the right to try was granted);
//           login    = 303 to /connexion (nobody signed in);
//           404      = « Page introuvable », nothing written;
//           refus    = the resource is yours, this action is not (a read-only pupil, a window not open,
//                      the head's decision): 403, or 422 with the rights message — nothing written;
//           absent   = 422 « Ce fichier n’est plus disponible », exactly what an import batch id that
//                      does not exist answers (another school's batch is not told apart from none);
//           lien     = 400 « lien de confirmation refusé » (the address link is a 32-byte secret sent
//                      by mail, not a guessable id; the page says it was asked from another account).
// /dev/mails and /dev/sms (the outbox read outside production, README « Courriels » and « SMS ») are open to all by design:
// the last test checks that production does not mount them.
// A cell is « own/foreign » for a route that takes a resource, a single outcome otherwise.

const ROLES = ['anonyme', 'rl1', 'rl2', 'autreFamille', 'eleve', 'eleveSansAcces', 'secretariat', 'chef', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Outcome = 'ok' | 'refus' | 'login' | '404' | 'lien' | 'absent';

const LOGINS: Record<Exclude<Role, 'anonyme'>, string> = {
  rl1: 'famille.aubrac.1',
  rl2: 'famille.aubrac.2',
  autreFamille: 'famille.autre.aubrac', // the representative of another pupil of the same division (created below)
  eleve: 'eleve.aubrac',
  eleveSansAcces: 'eleve.aubrac', // with the campaign's pupil access turned off
  secretariat: 'secretariat.aubrac', // created below
  chef: 'chef.aubrac',
  admin: 'admin.academie',
};

// prettier-ignore
const EXPECTED: Record<string, readonly string[]> = {
  //                                                                           anonyme       rl1         rl2         autreFamille   eleve       eleveSansAcces   secretariat   chef        admin
  'GET /':                                                                     ['login',      'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /academie':                                                             ['login',      '404',      '404',      '404',         '404',      '404',           '404',        '404',      'ok'],
  'GET /academie/etablissements/:id':                                          ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       '404/404',    '404/404',  'ok/ok'],
  'POST /academie/etablissements/:id':                                         ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       '404/404',    '404/404',  'ok/ok'],
  'POST /academie/etablissements/:id/personnels':                              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       '404/404',    '404/404',  'ok/ok'],
  'GET /academie/etablissements/nouveau':                                      ['login',      '404',      '404',      '404',         '404',      '404',           '404',        '404',      'ok'],
  'POST /academie/etablissements/nouveau':                                     ['login',      '404',      '404',      '404',         '404',      '404',           '404',        '404',      'ok'],
  'GET /activation':                                                           ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /activation':                                                          ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /activation/code':                                                      ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /activation/code':                                                     ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /activation/mot-de-passe':                                              ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /activation/mot-de-passe':                                             ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /activation/naissances':                                                ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /activation/naissances':                                               ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /activation/sans-portable':                                             ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /activation/terminee':                                                  ['login',      'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /accessibilite':                                                        ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /connexion':                                                            ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  // Sign-in through an identity provider: none is configured here, so a provider's URL is « introuvable »,
  // and the page to link a provider's identity, without one waiting in this browser, sends to the login page.
  'GET /connexion/federation/:provider{[a-z0-9-]{1,32}}':                      ['404',        '404',      '404',      '404',         '404',      '404',           '404',        '404',      '404'],
  'GET /connexion/federation/:provider{[a-z0-9-]{1,32}}/retour':               ['404',        '404',      '404',      '404',         '404',      '404',           '404',        '404',      '404'],
  'GET /connexion/federation/relier':                                          ['login',      'login',    'login',    'login',       'login',    'login',         'login',      'login',    'login'],
  'POST /connexion/federation/relier':                                         ['login',      'login',    'login',    'login',       'login',    'login',         'login',      'login',    'login'],
  'POST /connexion':                                                           ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /deconnexion':                                                         ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /dev/mails':                                                            ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /dev/mails/:id{[0-9]+}':                                                ['ok/ok',      'ok/ok',    'ok/ok',    'ok/ok',       'ok/ok',    'ok/ok',         'ok/ok',      'ok/ok',    'ok/ok'],
  'GET /dev/mails/:id{[0-9]+}/html':                                           ['ok/ok',      'ok/ok',    'ok/ok',    'ok/ok',       'ok/ok',    'ok/ok',         'ok/ok',      'ok/ok',    'ok/ok'],
  'GET /dev/sms':                                                              ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /donnees-personnelles':                                                 ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /eleve':                                                                ['login',      '404',      '404',      '404',         'ok',       'refus',         '404',        '404',      '404'],
  'GET /etablissement':                                                        ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'GET /etablissement/campagne':                                               ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'POST /etablissement/campagne':                                              ['login',      '404',      '404',      '404',         '404',      '404',           'refus',      'ok',       '404'],
  'POST /etablissement/campagne/:window/:action{ouvrir|fermer}':               ['login',      '404',      '404',      '404',         '404',      '404',           'refus',      'ok',       '404'],
  'POST /etablissement/campagne/creer':                                        ['login',      '404',      '404',      '404',         '404',      '404',           '404',        'ok',       '404'],
  'GET /etablissement/comptes':                                                ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'POST /etablissement/comptes':                                               ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'GET /etablissement/divisions/:divisionId/conseil/:phase':                   ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/divisions/:divisionId/conseil/:phase':                  ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/divisions/:divisionId/conseil/:phase/publier':          ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/divisions/:divisionId{[1-9][0-9]{0,9}}/suivi':           ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/divisions/:divisionId{[1-9][0-9]{0,9}}/suivi/relancer': ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/eleves/:pupilId':                                        ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/accord':                                ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/accuse-reception':                      ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/appel':                                 ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/eleves/:pupilId/choix-definitifs':                       ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/eleves/:pupilId/choix-definitifs/ajouter':               ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'refus/404','404/404'],
  'POST /etablissement/eleves/:pupilId/choix-definitifs/ajouter':              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'refus/404','404/404'],
  'POST /etablissement/eleves/:pupilId/choix-definitifs/annuler':              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/choix-definitifs/liste':                ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'refus/404','404/404'],
  'POST /etablissement/eleves/:pupilId/choix-definitifs/modifier':             ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'refus/404','404/404'],
  'POST /etablissement/eleves/:pupilId/choix-definitifs/valider':              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'refus/404','404/404'],
  'POST /etablissement/eleves/:pupilId/commission':                            ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/decision':                              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'refus/404',  'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/entretien':                             ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/eleves/:pupilId/intentions':                             ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/eleves/:pupilId/intentions/ajouter':                     ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/intentions/ajouter':                    ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/intentions/annuler':                    ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/intentions/liste':                      ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/intentions/modifier':                   ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/intentions/valider':                    ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/maintien':                              ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/majeur':                                ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/mot-de-passe':                          ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'POST /etablissement/eleves/:pupilId/reponse':                               ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/export.csv':                                             ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/404',     'ok/404',   '404/404'],
  'GET /etablissement/import':                                                 ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'POST /etablissement/import':                                                ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'POST /etablissement/import/:batchId{[1-9][0-9]{0,9}}':                      ['login/login','404/404',  '404/404',  '404/404',     '404/404',  '404/404',       'ok/absent',  'ok/absent','404/404'],
  'GET /etablissement/journal':                                                ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'GET /etablissement/personnels':                                             ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'POST /etablissement/personnels':                                            ['login',      '404',      '404',      '404',         '404',      '404',           'ok',         'ok',       '404'],
  'GET /famille':                                                              ['login',      'ok',       'ok',       'ok',          '404',      '404',           '404',        '404',      '404'],
  'GET /fiche-de-renseignements':                                              ['login',      'ok',       'ok',       'ok',          '404',      '404',           '404',        '404',      '404'],
  'POST /fiche-de-renseignements':                                             ['login',      'ok',       'ok',       'ok',          '404',      '404',           '404',        '404',      '404'],
  'GET /fiche-de-renseignements/confirmer':                                    ['login/login','ok/lien',  'lien/lien','lien/lien',   '404/404',  '404/404',       '404/404',    '404/404',  '404/404'],
  'POST /fiche-de-renseignements/confirmer':                                   ['login/login','ok/lien',  'lien/lien','lien/lien',   '404/404',  '404/404',       '404/404',    '404/404',  '404/404'],
  'GET /healthz':                                                              ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /identifiant-oublie':                                                   ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /identifiant-oublie':                                                  ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /mentions-legales':                                                     ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /mot-de-passe':                                                         ['login',      'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /mot-de-passe':                                                        ['login',      'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /mot-de-passe-oublie':                                                  ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /mot-de-passe-oublie':                                                 ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /orientation/:pupilId':                                                 ['login/login','ok/404',   'ok/404',   '404/404',     '404/404',  '404/404',       '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/avis-provisoire':                                 ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/avis-provisoire':                                ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/choix-definitifs':                                ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/choix-definitifs/ajouter':                        ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/choix-definitifs/ajouter':                       ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/choix-definitifs/annuler':                       ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/choix-definitifs/liste':                         ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/choix-definitifs/modifier':                      ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/choix-definitifs/valider':                       ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/decision':                                        ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/intentions':                                      ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/intentions/ajouter':                              ['login/login','ok/404',   'ok/404',   '404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/intentions/ajouter':                             ['login/login','ok/404',   'ok/404',   '404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/intentions/annuler':                             ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/intentions/liste':                               ['login/login','ok/404',   'ok/404',   '404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/intentions/modifier':                            ['login/login','ok/404',   'ok/404',   '404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/intentions/valider':                             ['login/login','ok/404',   'ok/404',   '404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/propositions':                                    ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/propositions/accord/confirmer':                  ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/propositions/accord/verifier':                   ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/propositions/confirmer':                         ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'POST /orientation/:pupilId/propositions/verifier':                          ['login/login','refus/404','refus/404','404/404',     'refus/404','refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /orientation/:pupilId/recapitulatif':                                   ['login/login','ok/404',   'ok/404',   '404/404',     'ok/404',   'refus/404',     '404/404',    '404/404',  '404/404'],
  'GET /readyz':                                                               ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /recuperation/code':                                                    ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /recuperation/code':                                                   ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /recuperation/courriel-envoye':                                         ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /recuperation/identifiant':                                             ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /recuperation/lien':                                                    ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /recuperation/nouveau-mot-de-passe':                                    ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'POST /recuperation/nouveau-mot-de-passe':                                   ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
  'GET /static/:name':                                                         ['ok',         'ok',       'ok',       'ok',          'ok',       'ok',            'ok',         'ok',       'ok'],
};

type Resources = {
  pupil: number;
  division: number;
  school: number;
  batch: number;
  mail: number;
  token: string;
};

const PHASE = 'avis-provisoires';

/** `:name` and its optional pattern, which may hold braces of its own (`{[1-9][0-9]{0,9}}`). */
const param = (name: string) => new RegExp(`:${name}(\\{(?:[^{}]|\\{[^{}]*\\})*\\})?`);

/** The path (and query) a route is called with for one resource, or null when the route takes none. */
function concretePath(routePath: string, resource: Resources, staticName: string): { path: string; usesResource: boolean } {
  let usesResource = false;
  let path = routePath
    .replace(param('pupilId'), () => ((usesResource = true), String(resource.pupil)))
    .replace(param('divisionId'), () => ((usesResource = true), String(resource.division)))
    .replace(param('batchId'), () => ((usesResource = true), String(resource.batch)))
    .replace(/^\/academie\/etablissements\/:id/, () => ((usesResource = true), `/academie/etablissements/${resource.school}`))
    .replace(/^\/dev\/mails\/:id(\{[^}]*\})?/, () => ((usesResource = true), `/dev/mails/${resource.mail}`))
    .replace(param('phase'), PHASE)
    .replace(param('window'), 'intentions')
    .replace(param('action'), 'fermer')
    .replace(param('name'), staticName)
    .replace(param('provider'), 'educonnect');
  if (routePath === '/etablissement/export.csv') {
    usesResource = true;
    path += `?division=${resource.division}`;
  }
  if (routePath === '/fiche-de-renseignements/confirmer') {
    usesResource = true;
    path += `?jeton=${resource.token}`;
  }
  if (path.includes(':')) throw new Error(`paramètre inconnu dans ${routePath}`);
  return { path, usesResource };
}

/** A body every form accepts the shape of, naming the resource wherever a form takes an id. */
function kitchenSinkBody(resource: Resources, representative: number): Record<string, string> {
  return {
    representant: String(representative),
    ligne: String(resource.pupil),
    eleves: String(resource.pupil),
    division: String(resource.division),
    jeton: resource.token,
    track: '2GT',
    voies: '2GT',
    action: 'supprimer-1',
    aucune: 'oui',
    confirmation: 'oui',
    compte_rendu: 'x',
    date_appel: '2027-03-15',
    majeur: 'oui',
    pour: 'representants',
    [`reponse-${resource.pupil}-1`]: 'favorable',
  };
}

const RIGHTS_TEXTS = Object.values(RIGHTS_MESSAGES);

async function classify(response: Response): Promise<Outcome | string> {
  const location = response.headers.get('Location') ?? '';
  if (response.status === 404) return '404';
  if (response.status >= 300 && response.status < 400) return location.startsWith('/connexion') && location !== '/connexion?deconnecte' ? 'login' : 'ok';
  if (response.status === 403 || response.status === 400 || response.status === 409 || response.status === 422) {
    const text = mainText(await response.text()).replace(/’/g, "'");
    if (response.status === 400 && text.includes('Lien de confirmation refusé')) return 'lien';
    if (response.status === 422 && text.includes("Ce fichier n'est plus disponible")) return 'absent';
    // 403: the file is yours, this action is not (read-only pupil, window not open…), and the page says why.
    if (response.status === 403) return text.length > 0 ? 'refus' : 'HTTP 403 sans motif';
    if (RIGHTS_TEXTS.some((message) => text.includes(message.replace(/’/g, "'")))) return 'refus';
    return 'ok';
  }
  if (response.status === 200) return 'ok';
  return `HTTP ${response.status}`;
}

type World = { t: TestApp; own: Resources; foreign: Resources; ownRepresentative: number; foreignRepresentative: number; staticName: string };

async function world(role: Role): Promise<World> {
  const t = await createTestApp();
  const db = t.database.db;
  const school = (uai: string) => db.selectFrom('school').select('id').where('uai', '=', uai).executeTakeFirstOrThrow();
  const aubrac = await school('0990001A');
  const zay = await school('0990002B');
  const pupil = (first: string, last: string) =>
    db.selectFrom('pupil').select(['id', 'division_id']).where('first_name', '=', first).where('last_name', '=', last).executeTakeFirstOrThrow();
  const lea = await pupil('Léa', 'Martin');
  const hugo = await pupil('Hugo', 'Petit');
  const firstRepresentative = async (pupilId: number) =>
    (await db.selectFrom('pupil_representative').select('representative_id').where('pupil_id', '=', pupilId).where('position', '=', 1).executeTakeFirstOrThrow()).representative_id;
  const leaRep = await firstRepresentative(lea.id);
  const hugoRep = await firstRepresentative(hugo.id);
  const passwordHash = await sharedDemoPasswordHash();

  // A secretary of Lucie Aubrac, and the representative of another family of Léa's division.
  const secretary = await db.insertInto('staff').values({ school_id: aubrac.id, role: 'secretary', first_name: 'Marc', last_name: 'Durand' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('user_account').values({ login: 'secretariat.aubrac', role: 'staff', staff_id: secretary.id, password_hash: passwordHash, must_change_password: false }).execute();
  const neighbour = await db
    .selectFrom('pupil_representative as pr')
    .innerJoin('pupil as p', 'p.id', 'pr.pupil_id')
    .leftJoin('user_account as a', 'a.representative_id', 'pr.representative_id')
    .select('pr.representative_id')
    .where('p.division_id', '=', lea.division_id)
    .where('p.id', '<>', lea.id)
    .where('a.id', 'is', null)
    .where('pr.representative_id', 'not in', db.selectFrom('pupil_representative').select('representative_id').where('pupil_id', '=', lea.id))
    .orderBy('pr.representative_id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_account').values({ login: 'famille.autre.aubrac', role: 'representative', representative_id: neighbour.representative_id, password_hash: passwordHash, must_change_password: false }).execute();
  if (role === 'eleveSansAcces') await db.updateTable('campaign').set({ pupil_access: false }).where('school_id', '=', aubrac.id).execute();

  // An import batch of each school, a mail to each family, an address link asked by each first representative.
  const staffOf = async (schoolId: number) => (await db.selectFrom('staff').select('id').where('school_id', '=', schoolId).orderBy('id').executeTakeFirstOrThrow()).id;
  const batch = async (schoolId: number) =>
    (await db.insertInto('import_batch').values({ school_id: schoolId, staff_id: await staffOf(schoolId), content: new TextEncoder().encode('Division;INE\n') }).returning('id').executeTakeFirstOrThrow()).id;
  const mail = async (representativeId: number, pupilId: number) =>
    (
      await db
        .insertInto('mail_outbox')
        .values({ kind: 'address_confirmation', recipient: `rl${representativeId}@example.org`, representative_id: representativeId, pupil_id: pupilId, phase: null, author_representative_id: null, subject: 'Essai', html_body: '<p>Essai</p>', text_body: 'Essai', not_before: t.clock.now, next_attempt_at: t.clock.now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const link = async (login: string, representativeId: number) => {
    const token = createHash('sha256').update(`${login}-jeton`).digest('base64url');
    const account = await db.selectFrom('user_account').select('id').where('login', '=', login).executeTakeFirstOrThrow();
    await db
      .insertInto('email_change')
      .values({ representative_id: representativeId, account_id: account.id, new_email: `nouvelle.${representativeId}@example.org`, token_hash: createHash('sha256').update(token, 'utf8').digest(), expires_at: new Date(t.clock.now.getTime() + 3_600_000), created_at: t.clock.now })
      .execute();
    return token;
  };

  const loginPage = await (await new TestClient(t.app).get('/connexion')).text();
  const staticName = loginPage.match(/\/static\/([^"?]+)/)?.[1];
  if (!staticName) throw new Error('aucun fichier statique dans la page de connexion');
  return {
    t,
    own: { pupil: lea.id, division: lea.division_id, school: aubrac.id, batch: await batch(aubrac.id), mail: await mail(leaRep, lea.id), token: await link('famille.aubrac.1', leaRep) },
    foreign: { pupil: hugo.id, division: hugo.division_id, school: zay.id, batch: await batch(zay.id), mail: await mail(hugoRep, hugo.id), token: await link('famille.zay.1', hugoRep) },
    ownRepresentative: leaRep,
    foreignRepresentative: hugoRep,
    staticName,
  };
}

const LAST = [
  'POST /etablissement/campagne',
  'POST /etablissement/campagne/creer',
  'POST /etablissement/campagne/:window/:action{ouvrir|fermer}',
  'POST /mot-de-passe',
  'POST /deconnexion',
];

type Route = { method: 'GET' | 'POST'; path: string };

/** Every route the application answers, from its own table (middleware, registered as ALL, aside). */
async function routeTable(): Promise<Route[]> {
  const t = await createTestApp();
  try {
    const seen = new Map<string, Route>();
    for (const route of t.app.routes) {
      if (route.method === 'ALL') continue;
      if (route.method !== 'GET' && route.method !== 'POST') throw new Error(`méthode inattendue : ${route.method} ${route.path}`);
      seen.set(`${route.method} ${route.path}`, { method: route.method, path: route.path });
    }
    return [...seen.values()];
  } finally {
    await t.close();
  }
}

type Cell = { route: Route; key: string; role: Role; column: 'à soi' | 'd’autrui' | '—'; expected: string };

function cellsFor(routes: Route[], role: Role, w: World): Array<Cell & { path: string; resource: Resources }> {
  const cells: Array<Cell & { path: string; resource: Resources }> = [];
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const row = EXPECTED[key];
    const expectedCell = row?.[ROLES.indexOf(role)] ?? '?';
    const own = concretePath(route.path, w.own, w.staticName);
    if (!own.usesResource) {
      cells.push({ route, key, role, column: '—', expected: expectedCell, path: own.path, resource: w.own });
      continue;
    }
    const [expectedOwn, expectedForeign] = expectedCell.split('/');
    cells.push({ route, key, role, column: 'à soi', expected: expectedOwn ?? '?', path: own.path, resource: w.own });
    cells.push({ route, key, role, column: 'd’autrui', expected: expectedForeign ?? '?', path: concretePath(route.path, w.foreign, w.staticName).path, resource: w.foreign });
  }
  return cells;
}

const PRINT = process.env.MATRIX_PRINT === '1';
const printed = new Map<string, string[]>();
afterAll(() => {
  if (!PRINT) return;
  const lines = [...printed].map(([key, cells]) => `  ${`'${key}':`.padEnd(65)}[${cells.map((cell) => `'${cell}',`.padEnd(11)).join('')}],`);
  console.log(lines.join('\n'));
});

describe('matrice des autorisations', async () => {
  const routes = await routeTable();

  it('chaque route de l’application a sa ligne dans la table, et chaque ligne sa route', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(keys.filter((key) => !(key in EXPECTED)), 'routes sans ligne dans EXPECTED').toEqual(PRINT ? expect.anything() : []);
    expect(Object.keys(EXPECTED).filter((key) => !keys.includes(key)), 'lignes sans route').toEqual(PRINT ? expect.anything() : []);
    for (const [key, row] of Object.entries(EXPECTED)) expect(row.length, key).toBe(ROLES.length);
  });

  it.each(ROLES)('%s : chaque route × ressource à soi / d’autrui donne l’issue de la table', async (role) => {
    const w = await world(role);
    try {
      const client = new TestClient(w.t.app);
      if (role !== 'anonyme') expect((await client.login(LOGINS[role])).status).toBe(303);
      const cells = cellsFor(routes, role, w);
      const denied = (cell: Cell) => cell.expected !== 'ok';
      // Refusals first: together they must leave the database exactly as it was. Then what is
      // allowed, which may write: GETs, POSTs on a file, then what changes the whole campaign or
      // the session (closing a window, creating a campaign, a new password, signing out).
      const order = (cell: Cell) => (denied(cell) ? 0 : 10) + (cell.route.method === 'GET' ? 0 : 1) + LAST.indexOf(cell.key) + 2;
      cells.sort((a, b) => order(a) - order(b));
      const failures: string[] = [];
      let before = await databaseFingerprint(w.t.database.db);
      let checkedWrites = false;
      for (const cell of cells) {
        if (!denied(cell) && !checkedWrites && !PRINT) {
          checkedWrites = true;
          expect(await databaseFingerprint(w.t.database.db), `${role} : une requête refusée a écrit en base`).toEqual(before);
        }
        const representative = cell.resource === w.own ? w.ownRepresentative : w.foreignRepresentative;
        const response =
          cell.route.method === 'GET' ? await client.get(cell.path) : await client.post(cell.path, kitchenSinkBody(cell.resource, representative));
        const actual = await classify(response);
        if (PRINT) {
          const row = printed.get(cell.key) ?? ROLES.map(() => '');
          const index = ROLES.indexOf(role);
          row[index] = cell.column === 'd’autrui' ? `${row[index]}/${actual}` : actual;
          printed.set(cell.key, row);
        }
        if (actual !== cell.expected) failures.push(`${cell.key} [${role}, ${cell.column}] ${cell.route.method} ${cell.path} : attendu ${cell.expected}, obtenu ${actual}`);
      }
      if (!checkedWrites && !PRINT) expect(await databaseFingerprint(w.t.database.db), `${role} : une requête refusée a écrit en base`).toEqual(before);
      if (!PRINT) expect(failures).toEqual([]);
    } finally {
      await w.t.close();
    }
  });

  it('en production, /dev/mails et /dev/sms n’existent pas', async () => {
    const t = await createTestApp({ seed: false, env: { NODE_ENV: 'production', DATABASE_URL: 'postgres://personne@127.0.0.1:5432/aucune', SEED_DEMO: 'false' } });
    try {
      expect(t.app.routes.filter((route) => route.path.startsWith('/dev/'))).toEqual([]);
      expect((await new TestClient(t.app).get('/dev/mails')).status).toBe(404);
      expect((await new TestClient(t.app).get('/dev/sms')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('la table compte une issue par route, rôle et ressource', () => {
    const cells = Object.values(EXPECTED).reduce((sum, row) => sum + row.reduce((n, cell) => n + cell.split('/').length, 0), 0);
    expect(cells).toBeGreaterThan(1000);
  });
});
