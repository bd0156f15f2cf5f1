import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileStage } from '../../src/domain/file.js';
import { loadPupilFile } from '../../src/pupil-file/load.js';
import { createTestApp, mainText, signedIn, TestClient, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});


async function pupilNamed(firstName: string, lastName: string) {
  return t.database.db.selectFrom('pupil').select('id').where('first_name', '=', firstName).where('last_name', '=', lastName).executeTakeFirstOrThrow();
}

describe('dossier d’un élève côté établissement', () => {
  it('le chef d’établissement voit le dossier complet et l’historique', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    const text = mainText(await (await chef.get(`/etablissement/eleves/${nathan.id}`)).text());
    expect(text).toContain('Dossier d’orientation de Nathan Roux');
    expect(text).toContain('propositions publiées, réponse attendue');
    expect(text).toContain('Élodie Roux');
    expect(text).toContain('1re technologique : 1re STMG');
    expect(text).toContain('Voies proposées par le conseil : 1re technologique : 1re STI2D.');
    expect(text).toContain('Historique');
    expect(text).toContain('(chef d’établissement) a publié les propositions du conseil de classe.');
  });

  it('une réponse papier est enregistrée au nom du représentant, marquée comme saisie papier', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    const stored = (await loadPupilFile(t.database.db, nathan.id))!;
    const rep1 = stored.representatives[0]!;
    const response = await chef.post(`/etablissement/eleves/${nathan.id}/reponse`, { representant: String(rep1.id), voies: '1T-STMG' });
    expect(response.status).toBe(303);
    const after = (await loadPupilFile(t.database.db, nathan.id))!;
    expect(after.file.final.response).toEqual({ kind: 'accepted', tracks: ['1T-STMG'] });
    expect(after.file.final.respondedBy).toEqual({ kind: 'representative', id: rep1.id });
    const page = mainText(await (await chef.get(`/etablissement/eleves/${nathan.id}`)).text());
    expect(page).toContain('(chef d’établissement) a répondu aux propositions du conseil de classe (saisie papier par l’établissement pour Élodie Roux).');
  });

  it('accepter et refuser ensemble est refusé, en français, sans rien changer', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    const rep1 = (await loadPupilFile(t.database.db, nathan.id))!.representatives[0]!;
    const response = await chef.post(`/etablissement/eleves/${nathan.id}/reponse`, { representant: String(rep1.id), voies: '1T-STMG', aucune: 'oui' });
    expect(response.status).toBe(422);
    expect(mainText(await response.text())).toContain('mais pas les deux');
    expect((await loadPupilFile(t.database.db, nathan.id))!.file.final.response).toBeNull();
  });

  it('un dossier en dialogue : entretien, décision motivée, appel, commission et maintien', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    const rep1 = (await loadPupilFile(t.database.db, nathan.id))!.representatives[0]!;
    await chef.post(`/etablissement/eleves/${nathan.id}/reponse`, { representant: String(rep1.id), aucune: 'oui' });
    expect(fileStage((await loadPupilFile(t.database.db, nathan.id))!.file)).toBe('dialogue');

    const noNotes = await chef.post(`/etablissement/eleves/${nathan.id}/entretien`, { compte_rendu: '  ' });
    expect(mainText(await noNotes.text())).toContain('Saisissez le compte rendu de l’entretien.');
    const interview = await chef.post(`/etablissement/eleves/${nathan.id}/entretien`, { compte_rendu: 'La famille maintient la 1re générale.' });
    expect(interview.status, mainText(await interview.clone().text()).slice(0, 400)).toBe(303);

    // A decision that does not follow the family's request needs motivations.
    const unmotivated = await chef.post(`/etablissement/eleves/${nathan.id}/decision`, { voies: '1T-STI2D', motivations: '' });
    expect(unmotivated.status).toBe(422);
    expect(fileStage((await loadPupilFile(t.database.db, nathan.id))!.file)).toBe('interviewed');
    expect((await chef.post(`/etablissement/eleves/${nathan.id}/decision`, { voies: '1T-STI2D', motivations: 'Résultats scientifiques insuffisants.' })).status).toBe(303);
    const decided = (await loadPupilFile(t.database.db, nathan.id))!;
    expect(decided.file.outcome.headDecision?.tracks).toEqual(['1T-STI2D']);
    const page = mainText(await (await chef.get(`/etablissement/eleves/${nathan.id}`)).text());
    expect(page).toMatch(/Appel possible jusqu’au \d\d\/\d\d\/\d{4} à 23 h 59/);

    const lodged = '2027-03-15'; // the day of the decision, in Paris
    expect((await chef.post(`/etablissement/eleves/${nathan.id}/appel`, { date_appel: lodged })).status).toBe(303);
    expect((await chef.post(`/etablissement/eleves/${nathan.id}/commission`, { voies: '1T-STI2D' })).status).toBe(303);
    expect((await chef.post(`/etablissement/eleves/${nathan.id}/maintien`, {})).status).toBe(303);
    expect(fileStage((await loadPupilFile(t.database.db, nathan.id))!.file)).toBe('maintained');
  });

  it('le personnel d’un autre établissement ne voit ni ne modifie le dossier (404)', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const before = (await loadPupilFile(t.database.db, nathan.id))!;
    const other = await signedIn(t, 'chef.veil');
    expect((await other.get(`/etablissement/eleves/${nathan.id}`)).status).toBe(404);
    for (const action of ['reponse', 'entretien', 'decision', 'majeur', 'mot-de-passe']) {
      expect((await other.post(`/etablissement/eleves/${nathan.id}/${action}`, { representant: String(before.representatives[0]!.id), aucune: 'oui', compte_rendu: 'x', voies: '1G', majeur: 'oui' })).status, action).toBe(404);
    }
    const after = (await loadPupilFile(t.database.db, nathan.id))!;
    expect(after.version).toBe(before.version);
    const pupil = await t.database.db.selectFrom('pupil').select('is_adult').where('id', '=', nathan.id).executeTakeFirstOrThrow();
    expect(pupil.is_adult).toBe(false);
  });

  it('un nouveau mot de passe provisoire est affiché une fois et l’ancien ne fonctionne plus', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    const parent = new TestClient(t.app);
    await parent.login('famille.hugo.1');
    const rep1 = (await loadPupilFile(t.database.db, nathan.id))!.representatives[0]!;
    const response = await chef.post(`/etablissement/eleves/${nathan.id}/mot-de-passe`, { representant: String(rep1.id) });
    const text = mainText(await response.text());
    expect(text).toContain('Nouveau mot de passe provisoire');
    const match = /identifiant (\S+) ?, mot de passe (\S+) ?\./.exec(text);
    expect(match?.[1]).toBe('famille.hugo.1');
    expect((await parent.get('/famille')).status).toBe(303);
    expect((await new TestClient(t.app).login('famille.hugo.1', 'orientation')).status).toBe(422);
    expect((await new TestClient(t.app).login('famille.hugo.1', match![2]!)).headers.get('Location')).toBe('/mot-de-passe');
    const history = mainText(await (await chef.get(`/etablissement/eleves/${nathan.id}`)).text());
    expect(history).toContain('(chef d’établissement) a remis un nouveau mot de passe provisoire à un représentant légal.');
  });

  it('signaler un élève majeur change ses droits et figure dans l’historique', async () => {
    const nathan = await pupilNamed('Nathan', 'Roux');
    const chef = await signedIn(t, 'chef.hugo');
    expect((await chef.post(`/etablissement/eleves/${nathan.id}/majeur`, { majeur: 'oui' })).status).toBe(303);
    expect((await loadPupilFile(t.database.db, nathan.id))!.file.pupilIsAdult).toBe(true);
    const page = mainText(await (await chef.get(`/etablissement/eleves/${nathan.id}`)).text());
    expect(page).toContain('(chef d’établissement) a indiqué que l’élève est majeur.');
  });
});

describe('formulaire papier de vœux saisi par l’établissement', () => {
  it('le chef recopie les intentions d’une famille : elles sont validées au nom du représentant et marquées saisie papier', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const chef = await signedIn(t, 'chef.aubrac');
    const home = mainText(await (await chef.get(`/etablissement/eleves/${lea.id}`)).text());
    expect(home).toContain('Saisir les intentions du formulaire papier');

    const editor = mainText(await (await chef.get(`/etablissement/eleves/${lea.id}/intentions`)).text());
    expect(editor).toContain('Saisie papier par l’établissement pour le compte de Sophie Martin');

    expect((await chef.post(`/etablissement/eleves/${lea.id}/intentions/ajouter`, { track: 'CAP', occupation: 'Cuisine' })).status).toBe(303);
    expect((await chef.post(`/etablissement/eleves/${lea.id}/intentions/ajouter`, { track: '2GT' })).status).toBe(303);
    expect((await chef.post(`/etablissement/eleves/${lea.id}/intentions/liste`, { action: 'monter-2' })).status).toBe(303);
    const validated = await chef.post(`/etablissement/eleves/${lea.id}/intentions/valider`, {});
    expect(validated.status).toBe(303);
    expect(validated.headers.get('Location')).toBe(`/etablissement/eleves/${lea.id}/intentions?fait=validation`);

    const stored = (await loadPupilFile(t.database.db, lea.id))!;
    const sophie = stored.representatives.find((r) => r.firstName === 'Sophie')!;
    expect(stored.file.provisional.wishes.map((wish) => wish.track)).toEqual(['2GT', 'CAP']);
    expect(stored.file.provisional.author).toEqual({ kind: 'representative', id: sophie.id });
    const page = mainText(await (await chef.get(`/etablissement/eleves/${lea.id}`)).text());
    expect(page).toMatch(/\(chef d’établissement\) a validé les intentions[^.]*\(saisie papier par l’établissement pour Sophie Martin\)\./);

    // The family sees the list the school entered, in the same order.
    const parent = await signedIn(t, 'famille.aubrac.1');
    const familyView = mainText(await (await parent.get(`/orientation/${lea.id}/intentions`)).text());
    expect(familyView.indexOf('2de générale et technologique')).toBeGreaterThan(-1);
    expect(familyView.indexOf('2de générale et technologique')).toBeLessThan(familyView.indexOf('CAP'));
  });

  it('une liste invalide est refusée en français et rien n’est validé', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const chef = await signedIn(t, 'chef.aubrac');
    const empty = await chef.post(`/etablissement/eleves/${lea.id}/intentions/valider`, {});
    expect(empty.status).toBe(422);
    expect(mainText(await empty.text())).toMatch(/intention/i);
    expect((await loadPupilFile(t.database.db, lea.id))!.file.provisional.validatedAt).toBeNull();
  });

  it('le personnel d’un autre établissement ne peut ni ouvrir ni remplir la saisie papier (404)', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const before = (await loadPupilFile(t.database.db, lea.id))!;
    const other = await signedIn(t, 'chef.zay');
    expect((await other.get(`/etablissement/eleves/${lea.id}/intentions`)).status).toBe(404);
    expect((await other.get(`/etablissement/eleves/${lea.id}/intentions/ajouter`)).status).toBe(404);
    expect((await other.post(`/etablissement/eleves/${lea.id}/intentions/ajouter`, { track: '2GT' })).status).toBe(404);
    expect((await other.post(`/etablissement/eleves/${lea.id}/intentions/valider`, {})).status).toBe(404);
    expect((await other.post(`/etablissement/eleves/${lea.id}/choix-definitifs/valider`, {})).status).toBe(404);
    const drafts = await t.database.db.selectFrom('wish_draft').select('pupil_id').where('pupil_id', '=', lea.id).execute();
    expect(drafts).toEqual([]);
    expect((await loadPupilFile(t.database.db, lea.id))!.version).toBe(before.version);
  });

  it('une famille ne peut pas utiliser les adresses de la saisie papier', async () => {
    const lea = await pupilNamed('Léa', 'Martin');
    const parent = await signedIn(t, 'famille.aubrac.1');
    const response = await parent.post(`/etablissement/eleves/${lea.id}/intentions/ajouter`, { track: '2GT' });
    expect([403, 404]).toContain(response.status);
    const drafts = await t.database.db.selectFrom('wish_draft').select('pupil_id').where('pupil_id', '=', lea.id).execute();
    expect(drafts).toEqual([]);
  });
});
