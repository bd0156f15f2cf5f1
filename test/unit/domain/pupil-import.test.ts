import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, parsePupilImport } from '../../../src/domain/pupil-import.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const HEADER = 'Division;INE;Nom;Prénom;Date de naissance;Nom RL1;Prénom RL1;Courriel RL1;Téléphone RL1;Nom RL2;Prénom RL2;Courriel RL2;Téléphone RL2';

describe('lecture du fichier d’import', () => {
  it('le fichier d’exemple donne 4 élèves, les frères et sœurs partageant leurs parents', () => {
    const parsed = parsePupilImport(readFileSync(new URL('../../fixtures/import-exemple.csv', import.meta.url)));
    expect(parsed.errors).toEqual([]);
    expect(parsed.encoding).toBe('UTF-8');
    expect(parsed.pupils.map((p) => `${p.division} ${p.lastName} ${p.firstName}`)).toEqual([
      '3e C Lambert Chloé',
      '3e C Lambert Théo',
      "3e C N'Diaye Awa",
      '3e D Morel Jean; dit "Jeannot"',
    ]);
    expect(parsed.pupils[0]!.birthDate).toBe('2012-05-14');
    expect(parsed.pupils[2]!.representatives).toEqual([{ lastName: "N'Diaye", firstName: 'Fatou', email: null, phone: null }]);
  });

  it('un fichier Windows-1252 (export d’un tableur) est lu avec ses accents', () => {
    const latin1 = Buffer.from(`${HEADER}\n3e A;123456789AB;Hervé;Zoé;;Hervé;Hélène;;;;;;\n`, 'latin1');
    const parsed = parsePupilImport(latin1);
    expect(parsed.encoding).toBe('Windows-1252');
    expect(parsed.errors).toEqual([]);
    expect(parsed.pupils[0]).toMatchObject({ lastName: 'Hervé', firstName: 'Zoé' });
  });

  it('les colonnes sont reconnues dans n’importe quel ordre, sans accents ni majuscules, avec une marque d’ordre UTF-8', () => {
    const parsed = parsePupilImport(utf8('\uFEFFprenom;NOM;ine;division;nom rl1;prenom rl1\nZoé;Hervé;123456789AB;3e A;Hervé;Hélène\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.pupils[0]).toMatchObject({ division: '3e A', ine: '123456789AB', lastName: 'Hervé' });
  });

  it('chaque ligne fautive est signalée avec son numéro et sa raison', () => {
    const text = [
      HEADER,
      '3e A;123456789AB;Martin;Léa;;Martin;Sophie;sophie@example.org;;;;;',
      '3e A;1234;Petit;Hugo;;Petit;Nadia;;;;;;',
      '3e A;223456789AB;;Inès;31/02/2012;Bernard;Camille;pas-un-courriel;;;;;',
      '3e A;123456789AB;Roux;Nathan;;;;;;;;;',
      '3e A;323456789AB;Roux;Nathan;;Roux;Élodie;;;Roux;;;',
    ].join('\r\n');
    const parsed = parsePupilImport(utf8(text));
    expect(parsed.pupils).toHaveLength(1);
    expect(parsed.errors.map((error) => error.line)).toEqual([3, 4, 5, 6]);
    expect(parsed.errors[0]!.message).toBe('Ligne 3 : l’INE doit comporter 11 chiffres ou lettres.');
    expect(parsed.errors[1]!.message).toContain('la colonne « Nom » est vide');
    expect(parsed.errors[1]!.message).toContain('la date de naissance doit être au format JJ/MM/AAAA');
    expect(parsed.errors[1]!.message).toContain('le courriel du représentant légal 1 n’est pas valide');
    expect(parsed.errors[2]!.message).toContain('l’INE 123456789AB figure déjà ligne 2');
    expect(parsed.errors[2]!.message).toContain('le représentant légal 1 (nom et prénom) est obligatoire');
    expect(parsed.errors[3]!.message).toContain('le nom et le prénom du représentant légal 2 sont obligatoires');
  });

  it('un en-tête incomplet est refusé en nommant les colonnes manquantes', () => {
    const parsed = parsePupilImport(utf8('Division,INE,Nom\n3e A,123,X\n'));
    expect(parsed.pupils).toEqual([]);
    expect(parsed.errors[0]!.message).toContain('« Division », « INE », « Nom », « Prénom », « Nom RL1 », « Prénom RL1 »');
  });

  it('les champs entre guillemets gardent leurs « ; », guillemets et retours à la ligne, et les lignes sont bien numérotées', () => {
    expect(parseCsv('a;"b;c";"d ""e"""\n"f\ng";h\ni;j')).toEqual([
      { line: 1, cells: ['a', 'b;c', 'd "e"'] },
      { line: 2, cells: ['f\ng', 'h'] },
      { line: 4, cells: ['i', 'j'] },
    ]);
  });
});
