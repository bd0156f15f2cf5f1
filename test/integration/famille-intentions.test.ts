import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { pupilIdOf, openSecondeIntentions } from '../support/family-fixtures.js';
import { createTestApp, mainText, TestClient, titleOf, type TestApp } from '../support/test-app.js';

// The family side of the phase provisoire through the routes, on a real database: the orientation
// home, the intentions editor (draft on the server, « Valider » through the procedure's rules),
// the read-only views, the avis provisoire and its accusé de réception, the history.

const DAY = 24 * 60 * 60 * 1000;
const DRAFT_BANNER = "Vous devez valider vos intentions afin qu'elles soient prises en compte.";
const AUTHOR_ONLY =
  "Seul le représentant ayant saisi les intentions peut apporter des modifications. Les intentions saisies sont en consultation pour l'autre représentant légal et l'élève.";
const REDOUBLEMENT = "Cette procédure de dialogue ne s'applique pas au redoublement exceptionnel";

let t: TestApp;
let lea: number;
let hugo: number;

beforeEach(async () => {
  t = await createTestApp();
  lea = await pupilIdOf(t.database.db, 'Léa', 'Martin');
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


const intentions = (pupilId: number) => `/orientation/${pupilId}/intentions`;

async function addWish(client: TestClient, pupilId: number, form: Record<string, string>): Promise<Response> {
  return client.post(`${intentions(pupilId)}/ajouter`, form);
}

async function provisional(pupilId: number) {
  return (await loadPupilFile(t.database.db, pupilId))!.file.provisional;
}

async function draftCount(): Promise<number> {
  const rows = await t.database.db.selectFrom('wish_draft').select('id').execute();
  return rows.length;
}

async function validatedByAubrac1(): Promise<void> {
  const parent = await signedIn('famille.aubrac.1');
  await addWish(parent, lea, { track: '2PRO', occupation: 'Ébéniste', schoolStatus: 'oui' });
  await addWish(parent, lea, { track: 'CAP' });
  expect((await parent.post(`${intentions(lea)}/valider`, {})).status).toBe(303);
}

describe('accueil orientation d’un enfant', () => {
  it('le représentant voit l’étape en cours, les quatre phases datées, le message de l’établissement et l’action attendue', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const response = await parent.get(`/orientation/${lea}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = mainText(html);
    expect(titleOf(html)).toBe('Orientation de Léa Martin — Orientation');
    expect(text).toContain('3e A — Collège Lucie Aubrac');
    expect(html).toMatch(/<li[^>]*aria-current="step"[^>]*>[\s\S]*?Intentions provisoires/);
    for (const tile of ['Intentions', 'Avis provisoires', 'Choix définitifs', 'Propositions']) expect(text).toContain(tile);
    expect(text).toContain('Courant 2e trimestre');
    expect(text).toMatch(/La saisie des intentions est ouverte jusqu'au \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}\./);
    expect(text).toContain('Les professeurs principaux de 3e reçoivent les familles');
    expect(text).toContain('Saisir les intentions');
    expect(text).toContain(REDOUBLEMENT);
    expect(text).toContain('Historique');
  });

  it('l’historique dit qui a validé quoi et quand, lisible par les deux représentants et l’élève', async () => {
    await validatedByAubrac1();
    for (const [login, path] of [
      ['famille.aubrac.1', `/orientation/${lea}`],
      ['famille.aubrac.2', `/orientation/${lea}`],
      ['eleve.aubrac', '/eleve'],
    ] as const) {
      const text = mainText(await (await (await signedIn(login)).get(path)).text());
      expect(text, login).toMatch(/Le 15\/03\/2027 à 10 h 00 : Sophie Martin \(représentant légal\) a validé les intentions d’orientation\./);
    }
  });

  it('hors de la fenêtre de saisie, l’accueil dit ce qui vient et quand, sans action de saisie', async () => {
    t.clock.advance(-10 * DAY);
    const text = mainText(await (await (await signedIn('famille.aubrac.1')).get(`/orientation/${lea}`)).text());
    expect(text).toMatch(/Aucune saisie n'est ouverte en ce moment\. Prochaine étape : Intentions \(phase provisoire\), à partir du \d{2}\/\d{2}\/2027 à \d{2} h \d{2}\./);
    expect(text).not.toContain('Saisir les intentions');
  });
});

describe('saisie des intentions (3e)', () => {
  it('un représentant ajoute deux intentions, monte le CAP au rang 1, valide, et voit le récapitulatif', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const first = await addWish(parent, lea, { track: '2PRO', occupation: 'Ébéniste', schoolStatus: 'oui' });
    expect(first.status).toBe(303);
    expect(first.headers.get('Location')).toBe(`${intentions(lea)}?fait=ajout&rang=1`);
    const draftPage = mainText(await (await parent.get(`${intentions(lea)}?fait=ajout&rang=1`)).text());
    expect(draftPage).toContain('Intention ajoutée au rang 1');
    expect(draftPage).toContain(DRAFT_BANNER);
    expect(draftPage).toContain("Deuxième trimestre ou premier semestre : DEMANDE(S) DES REPRÉSENTANTS LÉGAUX / Intention(s) d'orientation.");
    expect(draftPage).toContain('Nous souhaitons pour la rentrée prochaine :');
    expect(draftPage).toContain('Intention 1 : 2de professionnelle');
    expect(draftPage).toContain('Métier ou formation : Ébéniste');
    expect(await provisional(lea)).toMatchObject({ status: 'empty', wishes: [] });

    expect((await addWish(parent, lea, { track: 'CAP' })).headers.get('Location')).toBe(`${intentions(lea)}?fait=ajout&rang=2`);
    const moved = await parent.post(`${intentions(lea)}/liste`, { action: 'monter-2' });
    expect(moved.headers.get('Location')).toBe(`${intentions(lea)}?fait=deplacement&rang=1`);
    const movedHtml = await (await parent.get(`${intentions(lea)}?fait=deplacement&rang=1`)).text();
    expect(mainText(movedHtml)).toContain('Intention déplacée au rang 1');
    expect(movedHtml).toContain('aria-label="Descendre l&#39;intention 1 : 1re année de CAP"');
    expect(movedHtml).toContain('aria-label="Monter l&#39;intention 2 : 2de professionnelle"');

    const validated = await parent.post(`${intentions(lea)}/valider`, {});
    expect(validated.status).toBe(303);
    const recap = mainText(await (await parent.get(`${intentions(lea)}?fait=validation`)).text());
    expect(recap).toContain('Vos intentions ont bien été validées. Un e-mail de confirmation va vous être envoyé');
    expect(recap).toMatch(/Intention 1 : 1re année de CAP Intention 2 : 2de professionnelle Métier ou formation : Ébéniste Sous statut scolaire/);
    expect(recap).toMatch(/Modifier Modification possible jusqu'au \d{2}\/\d{2}\/2027 à \d{2} h \d{2}/);
    expect(recap).not.toContain(DRAFT_BANNER);
    const file = await provisional(lea);
    expect(file.status).toBe('validated');
    expect(file.wishes.map((wish) => wish.track)).toEqual(['CAP', '2PRO']);
    expect(await draftCount()).toBe(0);

    const printable = await parent.get(`/orientation/${lea}/recapitulatif`);
    const printableText = mainText(await printable.text());
    expect(printableText).toContain("Récapitulatif des intentions d'orientation");
    expect(printableText).toMatch(/Validé le 15\/03\/2027 à 10 h 00 Par Sophie Martin/);
    expect(printableText).toContain('Collège Lucie Aubrac');
  });

  it('la saisie en cours est gardée sur le serveur d’une visite à l’autre, et « Annuler » l’abandonne sans rien enregistrer', async () => {
    const parent = await signedIn('famille.aubrac.1');
    await addWish(parent, lea, { track: '2GT' });
    const again = await signedIn('famille.aubrac.1');
    expect(mainText(await (await again.get(intentions(lea))).text())).toContain('Intention 1 : 2de générale et technologique ou 2de STHR');
    const cancelled = await again.post(`${intentions(lea)}/annuler`, {});
    expect(cancelled.headers.get('Location')).toBe(`${intentions(lea)}?fait=annulation`);
    const text = mainText(await (await again.get(intentions(lea))).text());
    expect(text).toContain("Aucune intention n'est saisie pour le moment.");
    expect(await provisional(lea)).toMatchObject({ status: 'empty', wishes: [] });
  });

  it('l’auteur clique « Modifier », change l’ordre et valide de nouveau : l’historique dit « a modifié »', async () => {
    await validatedByAubrac1();
    const parent = await signedIn('famille.aubrac.1');
    expect((await parent.post(`${intentions(lea)}/modifier`, {})).status).toBe(303);
    const editing = mainText(await (await parent.get(intentions(lea))).text());
    expect(editing).not.toContain(DRAFT_BANNER);
    await parent.post(`${intentions(lea)}/liste`, { action: 'supprimer-1' });
    expect(mainText(await (await parent.get(intentions(lea))).text())).toContain(DRAFT_BANNER);
    expect((await parent.post(`${intentions(lea)}/valider`, {})).status).toBe(303);
    expect((await provisional(lea)).wishes.map((wish) => wish.track)).toEqual(['CAP']);
    expect(mainText(await (await parent.get(`/orientation/${lea}`)).text())).toContain('Sophie Martin (représentant légal) a modifié les intentions d’orientation.');
  });

  it('une quatrième intention est refusée avec un message en français, et la liste ne change pas', async () => {
    const parent = await signedIn('famille.aubrac.1');
    for (const track of ['2GT', '2PRO', 'CAP']) expect((await addWish(parent, lea, { track })).status).toBe(303);
    const fourth = await addWish(parent, lea, { track: '2GT' });
    expect(fourth.status).toBe(422);
    const html = await fourth.text();
    expect(titleOf(html)).toMatch(/^Erreur : Ajouter une intention — Léa Martin/);
    expect(mainText(html)).toContain('Vous ne pouvez pas saisir plus de 3 intentions.');
    expect(mainText(await (await parent.get(intentions(lea))).text())).toMatch(/Intention 3 : 1re année de CAP(?![\s\S]*Intention 4)/);
  });

  it('une voie déjà choisie est refusée, l’erreur est reliée au champ', async () => {
    const parent = await signedIn('famille.aubrac.1');
    await addWish(parent, lea, { track: '2GT' });
    const twice = await addWish(parent, lea, { track: '2GT' });
    expect(twice.status).toBe(422);
    const html = await twice.text();
    expect(mainText(html)).toContain('Vous avez déjà choisi « 2de générale et technologique ou 2de STHR ».');
    expect(html).toMatch(/<div class="error-summary" role="alert"[\s\S]*href="#voie-1"/);
    expect(html).toMatch(/id="voie-1"[^>]*aria-describedby="[^"]*voie-erreur/);
    expect((await loadPupilFile(t.database.db, lea))!.file.provisional.wishes).toEqual([]);
  });

  it('sans voie choisie, le formulaire dit « Vous devez sélectionner une voie. »', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const response = await addWish(parent, lea, { occupation: 'Cuisinier' });
    expect(response.status).toBe(422);
    const text = mainText(await response.text());
    expect(text).toContain('Vous devez sélectionner une voie.');
    expect(text).toContain(REDOUBLEMENT);
  });

  it('valider une liste vide est refusé : « Vous devez saisir au moins 1 intention. »', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const response = await parent.post(`${intentions(lea)}/valider`, {});
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(titleOf(html)).toMatch(/^Erreur : /);
    expect(mainText(html)).toContain('Vous devez saisir au moins 1 intention.');
    expect((await provisional(lea)).status).toBe('empty');
  });

  it('après la fermeture de la saisie, rien n’est modifiable et la page dit pourquoi', async () => {
    const parent = await signedIn('famille.aubrac.1');
    await addWish(parent, lea, { track: '2GT' });
    t.clock.advance(30 * DAY);
    const later = await signedIn('famille.aubrac.1');
    const page = mainText(await (await later.get(intentions(lea))).text());
    expect(page).toContain('La saisie des intentions est fermée.');
    expect(page).not.toContain('Ajouter une intention');
    for (const [path, form] of [
      ['ajouter', { track: 'CAP' }],
      ['valider', {}],
      ['liste', { action: 'supprimer-1' }],
      ['modifier', {}],
    ] as const) {
      const response = await later.post(`${intentions(lea)}/${path}`, form);
      expect(response.status, path).toBe(403);
      expect(mainText(await response.text()), path).toContain('La saisie des intentions est fermée.');
    }
    expect((await provisional(lea)).status).toBe('empty');
  });
});

describe('lecture seule et droits', () => {
  it('l’autre représentant voit les intentions validées en lecture seule et ne peut pas les modifier', async () => {
    await validatedByAubrac1();
    const other = await signedIn('famille.aubrac.2');
    const text = mainText(await (await other.get(intentions(lea))).text());
    expect(text).toContain(AUTHOR_ONLY);
    expect(text).toContain('Intention 1 : 2de professionnelle');
    expect(text).not.toMatch(/\bModifier\b/);
    expect(text).not.toContain('Vos intentions ont bien été validées');
    for (const [path, form] of [
      ['ajouter', { track: '2GT' }],
      ['valider', {}],
      ['modifier', {}],
    ] as const) {
      const response = await other.post(`${intentions(lea)}/${path}`, form);
      expect(response.status, path).toBe(403);
      expect(mainText(await response.text())).toContain(AUTHOR_ONLY);
    }
    expect((await provisional(lea)).wishes.map((wish) => wish.track)).toEqual(['2PRO', 'CAP']);
    expect(await draftCount()).toBe(0);
  });

  it('l’élève consulte en lecture seule et ne peut rien écrire', async () => {
    await validatedByAubrac1();
    const pupil = await signedIn('eleve.aubrac');
    const text = mainText(await (await pupil.get(intentions(lea))).text());
    expect(text).toContain(AUTHOR_ONLY);
    expect(text).toContain('Intention 2 : 1re année de CAP');
    const response = await pupil.post(`${intentions(lea)}/ajouter`, { track: '2GT' });
    expect(response.status).toBe(403);
    expect(mainText(await response.text())).toContain('Le compte élève permet uniquement de consulter les saisies effectuées par le représentant légal.');
    expect((await provisional(lea)).wishes).toHaveLength(2);
  });

  it('l’élève ne voit rien quand l’établissement a fermé l’accès aux élèves', async () => {
    await t.database.db.updateTable('campaign').set({ pupil_access: false }).execute();
    const pupil = await signedIn('eleve.aubrac');
    for (const path of ['/eleve', intentions(lea)]) {
      const response = await pupil.get(path);
      expect(response.status, path).toBe(403);
      const text = mainText(await response.text());
      expect(text).toContain("Votre établissement n'a pas ouvert le service en ligne Orientation aux élèves.");
      expect(text).not.toContain('Intention');
    }
  });

  it('le représentant d’un autre enfant reçoit « Page introuvable » en lecture comme en écriture, et rien ne change', async () => {
    const stranger = await signedIn('famille.zay.1');
    for (const path of [`/orientation/${lea}`, intentions(lea), `${intentions(lea)}/ajouter`, `/orientation/${lea}/avis-provisoire`, `/orientation/${lea}/recapitulatif`]) {
      const response = await stranger.get(path);
      expect(response.status, path).toBe(404);
      expect(mainText(await response.text())).not.toContain('Léa');
    }
    const write = await stranger.post(`${intentions(lea)}/ajouter`, { track: '2GT' });
    expect(write.status).toBe(404);
    expect(await draftCount()).toBe(0);
    const otherPupil = await signedIn('eleve.zay');
    expect((await otherPupil.get(intentions(lea))).status).toBe(404);
  });

  it('deux représentants qui valident en même temps : un seul l’emporte, l’autre lit pourquoi, le dossier reste entier', async () => {
    const one = await signedIn('famille.aubrac.1');
    const two = await signedIn('famille.aubrac.2');
    await addWish(one, lea, { track: '2GT' });
    await addWish(two, lea, { track: 'CAP' });
    await addWish(two, lea, { track: '2PRO' });
    const responses = await Promise.all([one.post(`${intentions(lea)}/valider`, {}), two.post(`${intentions(lea)}/valider`, {})]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses[0]).toBe(303);
    expect([403, 409]).toContain(statuses[1]);
    const loser = responses.find((response) => response.status !== 303)!;
    expect(mainText(await loser.text())).toMatch(/Les choix ont été modifiés entre-temps par l’autre représentant légal|Seul le représentant ayant saisi les intentions/);
    const file = await provisional(lea);
    expect([['2GT'], ['CAP', '2PRO']]).toContainEqual(file.wishes.map((wish) => wish.track));
    const history = await t.database.db.selectFrom('history').select('action').where('pupil_id', '=', lea).execute();
    expect(history.filter((row) => row.action === 'validateIntentions')).toHaveLength(1);
  });
});

describe('htmx : le même résultat que le formulaire, en ne renvoyant que la partie changée', () => {
  const hx = { 'HX-Request': 'true' };

  it('ajouter avec htmx redirige comme sans, puis seule la liste revient, avec l’annonce et la cible du focus', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const added = await parent.post(`${intentions(lea)}/ajouter`, { track: 'CAP' }, hx);
    expect(added.status).toBe(303);
    const fragment = await (await parent.get(`${intentions(lea)}?fait=ajout&rang=1`, hx)).text();
    expect(fragment).toMatch(/^<div id="editeur"/);
    expect(fragment).not.toContain('<html');
    expect(fragment).toContain('data-announce="Intention ajoutée au rang 1"');
    expect(fragment).toContain('data-unsaved="true"');
  });

  it('« Ajouter une intention » avec htmx renvoie le formulaire du dialogue ; une erreur y revient avec le récapitulatif d’erreurs', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const form = await (await parent.get(`${intentions(lea)}/ajouter`, hx)).text();
    expect(form).toContain('data-open-dialog="dialogue-ajout"');
    expect(form).toMatch(/<legend[^>]*>Veuillez sélectionner une voie d&#39;orientation/);
    expect(form).toContain('Sous statut d&#39;apprenti');
    const refused = await parent.post(`${intentions(lea)}/ajouter`, {}, hx);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('HX-Retarget')).toBe('#dialogue-ajout-corps');
    const html = await refused.text();
    expect(html).toContain('role="alert"');
    expect(mainText(html)).toContain('Vous devez sélectionner une voie.');
    expect(await draftCount()).toBe(0);
  });
});

describe('saisie des intentions (2de)', () => {
  it('la 1re générale demande 4 spécialités (5 si l’une est hors établissement), la STL sa spécialité ; puis la liste se valide', async () => {
    const { pupilId, login } = await openSecondeIntentions(t.database.db, t.clock.now);
    const parent = await signedIn(login);
    const path = intentions(pupilId);
    const form = await (await parent.get(`${path}/ajouter`)).text();
    expect(form).toContain('Arts : cinéma-audiovisuel (hors établissement)');

    const three = await parent.post(`${path}/ajouter`, [['track', '1G'], ['specialties', 'MATHS'], ['specialties', 'PC'], ['specialties', 'SVT']]);
    expect(three.status).toBe(422);
    expect(mainText(await three.text())).toContain("Vous devez choisir 4 enseignements de spécialité, ou 5 si l'un d'eux est hors établissement.");
    const fiveInSchool = await parent.post(`${path}/ajouter`, [['track', '1G'], ...['MATHS', 'PC', 'SVT', 'SES', 'NSI'].map((code): [string, string] => ['specialties', code])]);
    expect(mainText(await fiveInSchool.text())).toContain("Vous ne pouvez choisir 5 enseignements de spécialité que si l'un d'eux est hors établissement.");
    const stl = await parent.post(`${path}/ajouter`, [['track', '1T'], ['series', 'STL']]);
    expect(mainText(await stl.text())).toContain('Vous devez remplir le champ « Spécialité » de la 1re STL.');
    const noSeries = await parent.post(`${path}/ajouter`, [['track', '1T']]);
    expect(mainText(await noSeries.text())).toContain('Vous devez choisir une série parmi les 8 proposées.');
    expect(await draftCount()).toBe(0);

    const general = await parent.post(`${path}/ajouter`, [['track', '1G'], ...['MATHS', 'PC', 'SVT', 'ARTS-CAV', 'SES'].map((code): [string, string] => ['specialties', code])]);
    expect(general.status).toBe(303);
    expect((await parent.post(`${path}/ajouter`, [['track', '1T'], ['series', 'STL'], ['laboratorySpecialty', 'BIOTECH']])).status).toBe(303);
    expect((await parent.post(`${path}/valider`, {})).status).toBe(303);
    const recap = mainText(await (await parent.get(path)).text());
    expect(recap).toContain('Intention 1 : 1re générale');
    expect(recap).toContain('Arts : cinéma-audiovisuel (hors établissement)');
    expect(recap).toContain('Intention 2 : 1re technologique : 1re STL Spécialité : biotechnologies');
    expect((await provisional(pupilId)).wishes.map((wish) => wish.track)).toEqual(['1G', '1T-STL']);
  });
});

describe('avis provisoire et accusé de réception', () => {
  const avis = (pupilId: number) => `/orientation/${pupilId}/avis-provisoire`;

  it('le second représentant lit l’avis publié, doit cocher la case, puis accuse réception ; l’autre représentant le voit', async () => {
    const parent = await signedIn('famille.zay.2');
    const page = await (await parent.get(avis(hugo))).text();
    const text = mainText(page);
    expect(titleOf(page).replace(/&#39;/g, "'")).toBe("Avis provisoire d'orientation — Hugo Petit — Orientation");
    expect(text).toContain("AVIS PROVISOIRE(S) D'ORIENTATION");
    expect(text).toContain('Intention 1 : 2de générale et technologique ou 2de STHR');
    expect(text).toMatch(/Intention 2 : 2de professionnelle Métier ou formation : Technicien en maintenance Sous statut scolaire Avis (favorable|réservé|défavorable)/);
    expect(text).toContain("Recommandation du conseil de classe pour une voie d'orientation non demandée par les représentants légaux");
    expect(text).toContain('Motivations du conseil de classe concernant le ou les avis défavorables ou réservés et recommandations');
    expect(text).toContain("J'ai bien pris connaissance de l'avis provisoire d'orientation du conseil de classe.");
    expect(text).toContain(REDOUBLEMENT);

    const unticked = await parent.post(avis(hugo), {});
    expect(unticked.status).toBe(422);
    expect(mainText(await unticked.text())).toContain('Vous devez cocher la case');
    expect((await provisional(hugo)).status).toBe('published');

    const acknowledged = await parent.post(avis(hugo), { pris_connaissance: 'oui' });
    expect(acknowledged.status).toBe(303);
    expect(mainText(await (await parent.get(avis(hugo))).text())).toContain(
      "Vous avez pris connaissance et accusé réception de l'avis provisoire du conseil de classe le 15/03.",
    );
    expect((await provisional(hugo)).status).toBe('acknowledged');

    const first = await signedIn('famille.zay.1');
    const seen = mainText(await (await first.get(avis(hugo))).text());
    expect(seen).toContain("Karim Petit a pris connaissance et accusé réception de l'avis provisoire du conseil de classe le 15/03.");
    expect(seen).not.toContain("J'ai bien pris connaissance");
    const again = await first.post(avis(hugo), { pris_connaissance: 'oui' });
    expect(again.status).toBe(403);
    expect(mainText(await again.text())).toContain("L'accusé de réception de l'avis provisoire a déjà été donné.");
  });

  it('un avis non publié n’est pas montré', async () => {
    const parent = await signedIn('famille.aubrac.1');
    const text = mainText(await (await parent.get(avis(lea))).text());
    expect(text).toContain("L'avis provisoire du conseil de classe n'est pas encore publié.");
    expect(text).not.toContain("J'ai bien pris connaissance");
    const response = await parent.post(avis(lea), { pris_connaissance: 'oui' });
    expect(response.status).toBe(403);
    expect(mainText(await response.text())).toContain("L'avis provisoire du conseil de classe n'est pas encore publié.");
  });

  it('l’élève lit l’avis sans pouvoir en accuser réception', async () => {
    const pupil = await signedIn('eleve.zay');
    const text = mainText(await (await pupil.get(avis(hugo))).text());
    expect(text).toContain("AVIS PROVISOIRE(S) D'ORIENTATION");
    expect(text).not.toContain("J'ai bien pris connaissance");
    expect((await pupil.post(avis(hugo), { pris_connaissance: 'oui' })).status).toBe(403);
    expect((await provisional(hugo)).status).toBe('published');
  });
});

describe('intentions de 2de avec les comptes de démonstration', () => {
  it('famille.gouges.1 saisit une 1re générale à quatre spécialités et une 1re STL, puis valide', async () => {
    const zoe = (await t.database.db.selectFrom('pupil').select('id').where('first_name', '=', 'Zoé').where('last_name', '=', 'Lefort').executeTakeFirstOrThrow()).id;
    const parent = await signedIn('famille.gouges.1');
    const path = intentions(zoe);
    const general = await parent.post(`${path}/ajouter`, [['track', '1G'], ...['MATHS', 'PC', 'SVT', 'NSI'].map((code): [string, string] => ['specialties', code])]);
    expect(general.status).toBe(303);
    expect((await parent.post(`${path}/ajouter`, [['track', '1T'], ['series', 'STL'], ['laboratorySpecialty', 'SPCL']])).status).toBe(303);
    expect((await parent.post(`${path}/valider`, {})).status).toBe(303);
    const stored = (await provisional(zoe));
    expect(stored.wishes.map((wish) => wish.track)).toEqual(['1G', '1T-STL']);
    expect(stored.status).toBe('validated');
  });
});
