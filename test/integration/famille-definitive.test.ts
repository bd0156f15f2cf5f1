import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSITION_MESSAGES } from '../../src/domain/file.js';
import { closeEndedWindows } from '../../src/jobs/close-windows.js';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { pupilIdOf } from '../support/family-fixtures.js';
import { createTestApp, mainText, TEST_ORIGIN, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// The family side of the phase définitive through the routes, on a real database: the choix
// définitifs (same editor as the intentions, phase 'final'), the accusé de réception first, the
// council's propositions, the réponse with its check page, the other representative's accord in
// each campaign setting, and the « Décision » step.

const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let ines: number;
let nathan: number;
let hugo: number;

beforeEach(async () => {
  t = await createTestApp();
  ines = await pupilIdOf(t.database.db, 'Inès', 'Bernard');
  nathan = await pupilIdOf(t.database.db, 'Nathan', 'Roux');
  hugo = await pupilIdOf(t.database.db, 'Hugo', 'Petit');
});
afterEach(async () => {
  await t.close();
});

async function signedIn(login: string): Promise<TestClient> {
  const client = new TestClient(t.app);
  const response = await client.login(login);
  expect(response.status, `connexion de ${login}`).toBe(303);
  return client;
}


const choices = (pupilId: number) => `/orientation/${pupilId}/choix-definitifs`;
const proposals = (pupilId: number) => `/orientation/${pupilId}/propositions`;

const fileOf = async (pupilId: number) => (await loadPupilFile(t.database.db, pupilId))!.file;
const draftCount = async () => (await t.database.db.selectFrom('wish_draft').select('id').execute()).length;

async function addChoice(client: TestClient, pairs: [string, string][]): Promise<Response> {
  return client.post(`${choices(ines)}/ajouter`, pairs);
}

async function setSecondRepresentative(value: 'presumed' | 'required' | 'none') {
  const school = await t.database.db.selectFrom('school').select('id').where('uai', '=', '0990004D').executeTakeFirstOrThrow();
  await t.database.db.updateTable('campaign').set({ second_representative: value }).where('school_id', '=', school.id).execute();
}

/** famille.hugo.1 answers through the check page: « Vérifier ma réponse », then « Confirmer ma réponse ». */
async function answer(client: TestClient, pairs: [string, string][]): Promise<Response> {
  const check = await client.post(`${proposals(nathan)}/verifier`, pairs);
  expect(check.status).toBe(200);
  return client.post(`${proposals(nathan)}/confirmer`, pairs);
}

describe('choix définitifs', () => {
  it('sans accusé de réception, le représentant qui se connecte est envoyé accuser réception, puis continue vers les choix définitifs', async () => {
    const parent = await signedIn('famille.zay.2');
    const home = mainText(await (await parent.get(`/orientation/${hugo}`)).text());
    expect(home).toContain("Je formule les choix définitifs d'orientation");
    expect(home).toContain('Vous formulez vos choix définitifs qui seront étudiés par le conseil de classe du troisième trimestre.');

    const sent = await parent.get(choices(hugo));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('Location')).toBe(`/orientation/${hugo}/avis-provisoire?suite=choix-definitifs`);
    const opinions = mainText(await (await parent.get(sent.headers.get('Location')!)).text());
    expect(opinions).toContain(TRANSITION_MESSAGES.acknowledgeFirst);
    expect((await fileOf(hugo)).provisional.status).toBe('published');

    const acknowledged = await parent.post(`/orientation/${hugo}/avis-provisoire?suite=choix-definitifs`, { pris_connaissance: 'oui' });
    expect(acknowledged.status).toBe(303);
    expect(acknowledged.headers.get('Location')).toBe(`${choices(hugo)}?fait=accuse`);
    const page = await parent.get(acknowledged.headers.get('Location')!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(titleOf(html)).toBe('Choix définitifs — Hugo Petit — Orientation');
    expect(mainText(html)).toContain('Troisième trimestre DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Choix définitif(s).');
    expect(mainText(html)).toContain('Vous pouvez maintenant formuler les choix définitifs');
    expect((await fileOf(hugo)).provisional.status).toBe('acknowledged');
  });

  it('le représentant saisit trois choix (1re générale dont une spécialité hors établissement, STL, voie professionnelle), les classe, les valide et voit le récapitulatif', async () => {
    const parent = await signedIn('famille.veil.1');
    const form = await parent.get(`${choices(ines)}/ajouter`);
    const formText = mainText(await form.text());
    expect(formText).toContain('→ Rang 1');
    expect(formText).toContain("Les champs suivis d'une étoile sont obligatoires.");
    expect(formText).toContain("Veuillez sélectionner une voie d'orientation ou un autre parcours : (*)");
    expect(formText).toContain('Veuillez choisir un enseignement de spécialité');
    expect(formText).toContain('(hors établissement)');

    expect((await addChoice(parent, [['track', 'VPRO'], ['vocationalRoute', '2PRO']])).status).toBe(303);
    expect((await addChoice(parent, [['track', '1G'], ['specialties', 'MATHS'], ['specialties', 'SI'], ['specialties', 'NSI']])).status).toBe(303);
    expect((await addChoice(parent, [['track', '1T'], ['series', 'STL'], ['laboratorySpecialty', 'SPCL']])).status).toBe(303);
    expect((await parent.post(`${choices(ines)}/liste`, { action: 'monter-2' })).status).toBe(303);
    expect((await parent.post(`${choices(ines)}/liste`, { action: 'descendre-2' })).status).toBe(303);
    const draft = mainText(await (await parent.get(choices(ines))).text());
    expect(draft).toContain("Vous devez valider vos choix définitifs afin qu'ils soient pris en compte.");
    expect((await fileOf(ines)).final.status).toBe('empty');

    const validated = await parent.post(`${choices(ines)}/valider`, {});
    expect(validated.status).toBe(303);
    const recap = mainText(await (await parent.get(validated.headers.get('Location')!)).text());
    expect(recap).toContain('Vos choix définitifs ont bien été validés. Un courriel de confirmation va être envoyé aux représentants légaux');
    expect(recap).toContain('Rang 1 : 1re générale');
    expect(recap).toMatch(/Enseignements de spécialité choisis : .*\(hors établissement\)/);
    expect(recap).toContain('Rang 2 : 1re technologique : 1re STL');
    expect(recap).toContain('Spécialité : sciences physiques et chimiques en laboratoire');
    expect(recap).toContain('Rang 3 : Autre parcours : un accès à la voie professionnelle');
    const file = await fileOf(ines);
    expect(file.final.wishes.map((wish) => wish.track)).toEqual(['1G', '1T-STL', 'VPRO']);
    expect(await draftCount()).toBe(0);

    const printable = mainText(await (await parent.get(`/orientation/${ines}/recapitulatif?phase=definitive`)).text());
    expect(printable).toContain('Récapitulatif des choix définitifs');
    expect(printable).toContain('Rang 1 : 1re générale');

    const other = await signedIn('famille.veil.2');
    const readOnly = mainText(await (await other.get(choices(ines))).text());
    expect(readOnly).toContain('Seul le représentant ayant saisi les choix définitifs peut apporter des modifications.');
    const refused = await other.post(`${choices(ines)}/modifier`, {});
    expect(refused.status).toBe(403);
  });

  it('un 12e choix est refusé et la liste reste à 11', async () => {
    const parent = await signedIn('famille.veil.1');
    const tracks: [string, string][][] = [
      [['track', '1G'], ['specialties', 'MATHS'], ['specialties', 'PC'], ['specialties', 'SVT']],
      ...['STAV', 'STD2A', 'STHR', 'STI2D', 'STMG', 'ST2S', 'S2TMD'].map((series): [string, string][] => [['track', '1T'], ['series', series]]),
      [['track', '1T'], ['series', 'STL'], ['laboratorySpecialty', 'BIOTECH']],
      [['track', 'BTMM']],
      [['track', 'VPRO'], ['vocationalRoute', '1PRO']],
    ];
    for (const pairs of tracks) expect((await addChoice(parent, pairs)).status).toBe(303);
    const twelfth = await addChoice(parent, [['track', 'VPRO'], ['vocationalRoute', 'CAP']]);
    expect(twelfth.status).toBe(422);
    expect(mainText(await twelfth.text())).toMatch(/11/);
    const editor = mainText(await (await parent.get(choices(ines))).text());
    expect(editor).toContain('Choix définitif 11 :');
    expect(editor).not.toContain('Choix définitif 12 :');
    expect(editor).toContain('Vous avez saisi le nombre maximal de choix définitifs (11).');
  });

  it('la 1re générale avec deux spécialités, deux fois la même série et la STL sans spécialité sont refusées, sans rien changer', async () => {
    const parent = await signedIn('famille.veil.1');
    const two = await addChoice(parent, [['track', '1G'], ['specialties', 'MATHS'], ['specialties', 'PC']]);
    expect(two.status).toBe(422);
    expect(mainText(await two.text())).toMatch(/3 enseignements de spécialité|trois enseignements de spécialité/i);
    expect(await draftCount()).toBe(0);

    const stl = await addChoice(parent, [['track', '1T'], ['series', 'STL']]);
    expect(stl.status).toBe(422);
    expect(mainText(await stl.text())).toMatch(/[Ss]pécialité/);
    expect(await draftCount()).toBe(0);

    expect((await addChoice(parent, [['track', '1T'], ['series', 'STMG']])).status).toBe(303);
    const twice = await addChoice(parent, [['track', '1T'], ['series', 'STMG']]);
    expect(twice.status).toBe(422);
    expect(mainText(await twice.text())).toMatch(/STMG/);
    const editor = mainText(await (await parent.get(choices(ines))).text());
    expect(editor).toContain('Choix définitif 1 :');
    expect(editor).not.toContain('Choix définitif 2 :');
    expect((await fileOf(ines)).final.status).toBe('empty');
  });
});

describe('propositions du conseil de classe et réponse', () => {
  it('la page montre les réponses « Oui » / « Non », la voie proposée non demandée et l’explication', async () => {
    const parent = await signedIn('famille.hugo.1');
    const home = mainText(await (await parent.get(`/orientation/${nathan}`)).text());
    expect(home).toContain('Je consulte et je réponds aux propositions du conseil de classe');
    const text = mainText(await (await parent.get(proposals(nathan))).text());
    expect(text).toContain(
      "d’accord : la proposition du conseil de classe devient la décision d’orientation, notifiée par le chef d’établissement ; pas d’accord : le dialogue continue, prenez contact avec le chef d’établissement.",
    );
    expect(text).toContain('L’un ou l’autre des représentants légaux peut répondre aux propositions du conseil de classe');
    expect(text).toMatch(/Rang 1 : 1re générale .*Proposition du conseil de classe : Non/);
    expect(text).toMatch(/Rang 2 : 1re technologique : 1re STMG Proposition du conseil de classe : Oui/);
    expect(text).toContain('Voies proposées par le conseil de classe, non demandées');
    expect(text).toContain('J’accepte : 1re technologique : 1re STMG');
    expect(text).toContain('J’accepte : 1re technologique : 1re STI2D');
    expect(text).not.toContain('J’accepte : 1re générale');
    expect(text).toContain('N’accepter aucune proposition');
  });

  it('la page de vérification montre la réponse sans rien enregistrer, puis « Confirmer ma réponse » l’enregistre, datée et en lecture seule', async () => {
    const parent = await signedIn('famille.hugo.1');
    const check = await parent.post(`${proposals(nathan)}/verifier`, [['voie', '1T-STMG']]);
    expect(check.status).toBe(200);
    const checkText = mainText(await check.text());
    expect(checkText).toContain('Vérification de votre réponse');
    expect(checkText).toContain('J’accepte la proposition du conseil de classe : 1re technologique : 1re STMG');
    expect(checkText).toContain('ne pourra plus être modifiée');
    expect(checkText).toContain('Confirmer ma réponse');
    expect(checkText).toContain('Modifier ma réponse');
    expect((await fileOf(nathan)).final.status).toBe('published');

    const again = mainText(await (await parent.get(`${proposals(nathan)}?voie=1T-STMG`)).text());
    expect(again).toContain('Vérifier ma réponse');

    const confirmed = await parent.post(`${proposals(nathan)}/confirmer`, [['voie', '1T-STMG']]);
    expect(confirmed.status).toBe(303);
    const file = await fileOf(nathan);
    expect(file.final.status).toBe('answered');
    expect(file.final.response).toEqual({ kind: 'accepted', tracks: ['1T-STMG'] });
    expect(file.final.accord).toBe('pending');
    const after = mainText(await (await parent.get(confirmed.headers.get('Location')!)).text());
    expect(after).toContain('Votre réponse aux propositions du conseil de classe est enregistrée.');
    expect(after).toMatch(/Réponse donnée le \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} par vous/);
    expect(after).not.toContain('Vérifier ma réponse');
  });

  it('répondre une deuxième fois est refusé', async () => {
    const parent = await signedIn('famille.hugo.1');
    expect((await answer(parent, [['voie', '1T-STMG']])).status).toBe(303);
    const before = await fileOf(nathan);
    const twice = await parent.post(`${proposals(nathan)}/confirmer`, [['aucune', 'oui']]);
    expect(twice.status).toBe(403);
    expect(mainText(await twice.text())).toContain(TRANSITION_MESSAGES.alreadyAnswered);
    expect(await fileOf(nathan)).toEqual(before);
  });

  it('accepter une voie à laquelle le conseil a répondu « Non » est refusé', async () => {
    const parent = await signedIn('famille.hugo.1');
    for (const step of ['verifier', 'confirmer']) {
      const response = await parent.post(`${proposals(nathan)}/${step}`, [['voie', '1G']]);
      expect(response.status).toBe(422);
      expect(mainText(await response.text())).toContain(TRANSITION_MESSAGES.acceptOnlyProposed);
    }
    expect((await fileOf(nathan)).final.status).toBe('published');
  });

  it('accepter une voie et n’accepter aucune proposition en même temps est refusé', async () => {
    const parent = await signedIn('famille.hugo.1');
    const both = await parent.post(`${proposals(nathan)}/verifier`, [['voie', '1T-STMG'], ['aucune', 'oui']]);
    expect(both.status).toBe(422);
    const html = await both.text();
    expect(mainText(html)).toContain('Vous ne pouvez pas à la fois accepter une voie et cocher « N’accepter aucune proposition » : choisissez l’un ou l’autre.');
    expect(html).toContain('href="#reponse"');
    const nothing = await parent.post(`${proposals(nathan)}/verifier`, []);
    expect(nothing.status).toBe(422);
    expect((await parent.post(`${proposals(nathan)}/confirmer`, [['voie', '1T-STMG'], ['aucune', 'oui']])).status).toBe(422);
    expect((await fileOf(nathan)).final.status).toBe('published');
  });

  it('l’élève ne peut pas répondre', async () => {
    const pupil = await signedIn('eleve.hugo');
    const page = mainText(await (await pupil.get(proposals(nathan))).text());
    expect(page).not.toContain('Vérifier ma réponse');
    const refused = await pupil.post(`${proposals(nathan)}/confirmer`, [['voie', '1T-STMG']]);
    expect(refused.status).toBe(403);
    expect((await fileOf(nathan)).final.status).toBe('published');
  });

  it('répondre après la fermeture est refusé', async () => {
    t.clock.advance(8 * DAY);
    const parent = await signedIn('famille.hugo.1');
    const late = await parent.post(`${proposals(nathan)}/verifier`, [['voie', '1T-STMG']]);
    expect(late.status).toBe(403);
    expect(mainText(await late.text())).toContain('La réponse aux propositions du conseil de classe est fermée.');
    expect((await fileOf(nathan)).final.status).toBe('published');
  });

  it('n’accepter aucune proposition met le dossier en dialogue et la page « Décision » invite à contacter le chef d’établissement', async () => {
    const parent = await signedIn('famille.hugo.1');
    expect((await answer(parent, [['aucune', 'oui']])).status).toBe(303);
    const file = await fileOf(nathan);
    expect(file.outcome.status).toBe('dialogue');
    const decision = mainText(await (await parent.get(`/orientation/${nathan}/decision`)).text());
    expect(decision).toContain('Aucune des propositions du conseil de classe n’a été acceptée.');
    expect(decision).toContain('veuillez vous rapprocher immédiatement du chef d’établissement');
  });
});

describe('accord de l’autre représentant légal et décision', () => {
  it('réglage « présumé » : l’autre représentant voit le texte, donne son accord via la vérification, et la proposition devient décision', async () => {
    const first = await signedIn('famille.hugo.1');
    expect((await answer(first, [['voie', '1T-STMG']])).status).toBe(303);
    const refusedSelf = await first.post(`${proposals(nathan)}/accord/confirmer`, { accord: 'oui' });
    expect(refusedSelf.status).toBe(403);

    const second = await signedIn('famille.hugo.2');
    const page = mainText(await (await second.get(proposals(nathan))).text());
    expect(page).toContain('Êtes-vous d’accord avec cette réponse ?');
    expect(page).toMatch(/Sans réponse de votre part avant le .*, vous serez considéré comme d’accord avec cette réponse\./);
    const missing = await second.post(`${proposals(nathan)}/accord/verifier`, {});
    expect(missing.status).toBe(422);
    const check = await second.post(`${proposals(nathan)}/accord/verifier`, { accord: 'oui' });
    expect(check.status).toBe(200);
    expect(mainText(await check.text())).toContain('Confirmer ma réponse');
    expect((await fileOf(nathan)).final.accord).toBe('pending');
    expect((await second.post(`${proposals(nathan)}/accord/confirmer`, { accord: 'oui' })).status).toBe(303);

    const file = await fileOf(nathan);
    expect(file.final.accord).toBe('agreed');
    expect(file.outcome.status).toBe('decided');
    for (const client of [first, second]) {
      const decision = mainText(await (await client.get(`/orientation/${nathan}/decision`)).text());
      expect(decision).toContain('La proposition du conseil de classe devient décision d’orientation');
      expect(decision).toContain('1re technologique : 1re STMG');
    }
    const again = await second.post(`${proposals(nathan)}/accord/confirmer`, { accord: 'non' });
    expect(again.status).toBe(403);
    expect(mainText(await again.text())).toContain(TRANSITION_MESSAGES.accordAlreadyGiven);
  });

  it('réglage « requis » : le désaccord met le dossier en dialogue', async () => {
    await setSecondRepresentative('required');
    const first = await signedIn('famille.hugo.1');
    expect((await answer(first, [['voie', '1T-STI2D']])).status).toBe(303);
    const second = await signedIn('famille.hugo.2');
    const page = mainText(await (await second.get(proposals(nathan))).text());
    expect(page).toMatch(/La décision d’orientation attend votre accord\./);
    expect((await second.post(`${proposals(nathan)}/accord/confirmer`, { accord: 'non' })).status).toBe(303);
    const file = await fileOf(nathan);
    expect(file.outcome.status).toBe('dialogue');
    const decision = mainText(await (await second.get(`/orientation/${nathan}/decision`)).text());
    expect(decision).toContain('Les représentants légaux ne sont pas d’accord');
  });

  it('réglage « aucun » : la réponse décide seule et l’accord de l’autre représentant n’est pas demandé', async () => {
    await setSecondRepresentative('none');
    const first = await signedIn('famille.hugo.1');
    expect((await answer(first, [['voie', '1T-STMG']])).status).toBe(303);
    expect((await fileOf(nathan)).outcome.status).toBe('decided');
    const second = await signedIn('famille.hugo.2');
    const page = mainText(await (await second.get(proposals(nathan))).text());
    expect(page).toContain('La réponse d’un seul représentant légal suffit : votre accord n’est pas demandé.');
    expect(page).not.toContain('Êtes-vous d’accord avec cette réponse ?');
    const refused = await second.post(`${proposals(nathan)}/accord/confirmer`, { accord: 'non' });
    expect(refused.status).toBe(403);
    expect(mainText(await refused.text())).toContain(TRANSITION_MESSAGES.accordNotNeeded);
    expect((await fileOf(nathan)).outcome.status).toBe('decided');
  });

  it('une requête htmx reçoit le fragment de la page', async () => {
    const parent = await signedIn('famille.hugo.1');
    const fragment = await parent.post(`${proposals(nathan)}/verifier`, [['voie', '1T-STMG']], { 'HX-Request': 'true' });
    expect(fragment.status).toBe(200);
    const html = await fragment.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('id="propositions"');
  });
});

describe('tâche de fermeture des fenêtres', () => {
  it('après la fermeture, l’accord attendu est présumé, les choix sont clos, les brouillons non validés supprimés ; relancée, elle ne change plus rien', async () => {
    const first = await signedIn('famille.hugo.1');
    expect((await answer(first, [['voie', '1T-STMG']])).status).toBe(303);
    const veil = await signedIn('famille.veil.1');
    expect((await addChoice(veil, [['track', 'BTMM']])).status).toBe(303);
    expect(await draftCount()).toBe(1);

    t.clock.advance(11 * DAY);
    const reports = await closeEndedWindows(t.database.db, { at: t.clock.now, origin: TEST_ORIGIN });
    expect(reports.some((report) => report.window === 'response' && report.closed > 0)).toBe(true);
    expect(reports.some((report) => report.window === 'choices' && report.draftsDropped === 1)).toBe(true);
    const nathanFile = await fileOf(nathan);
    expect(nathanFile.final.accord).toBe('presumed');
    expect(nathanFile.outcome.status).toBe('decided');
    expect((await fileOf(ines)).final.status).toBe('closed');
    expect(await draftCount()).toBe(0);
    const history = await t.database.db.selectFrom('history').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.stringify(history)).toContain('Le service');

    const before = await fileOf(nathan);
    expect(await closeEndedWindows(t.database.db, { at: t.clock.now, origin: TEST_ORIGIN })).toEqual([]);
    expect(await fileOf(nathan)).toEqual(before);
  });
});
