import type { FieldError } from './field-error.js';

// The school's export of divisions, pupils and legal representatives: `;`-separated, UTF-8 or
// Windows-1252, one pupil a line, a header line naming the columns (in any order).

export const IMPORT_COLUMNS = {
  division: 'Division',
  ine: 'INE',
  lastName: 'Nom',
  firstName: 'Prénom',
  birthDate: 'Date de naissance',
  rl1LastName: 'Nom RL1',
  rl1FirstName: 'Prénom RL1',
  rl1Email: 'Courriel RL1',
  rl1Phone: 'Téléphone RL1',
  rl2LastName: 'Nom RL2',
  rl2FirstName: 'Prénom RL2',
  rl2Email: 'Courriel RL2',
  rl2Phone: 'Téléphone RL2',
} as const;

type ColumnKey = keyof typeof IMPORT_COLUMNS;
const REQUIRED_COLUMNS: ColumnKey[] = ['division', 'ine', 'lastName', 'firstName', 'rl1LastName', 'rl1FirstName'];

export type ImportedRepresentative = { lastName: string; firstName: string; email: string | null; phone: string | null };
export type ImportedPupil = {
  line: number;
  division: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  representatives: ImportedRepresentative[];
};

export type LineError = { line: number; message: string };
export type ParsedImport = { pupils: ImportedPupil[]; errors: LineError[]; encoding: 'UTF-8' | 'Windows-1252' };

const MAX_FIELD = 200;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

/** The text of the file: UTF-8 when it is valid UTF-8 (BOM or not), Windows-1252 otherwise. */
export function decodeImportFile(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

/** RFC 4180 with `;`: quoted fields may hold `;`, quotes (doubled) and line breaks. Each record keeps its first line number. */
export function parseCsv(text: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ';') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return records.filter((record) => record.cells.some((value) => value.trim() !== ''));
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

function parseBirthDate(raw: string): string | null | undefined {
  if (raw === '') return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!match) return undefined;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1990) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Every pupil of the file, or every problem with its line number. The header line may name
 * the columns in any order, with or without accents or capitals.
 */
export function parsePupilImport(bytes: Uint8Array): ParsedImport {
  const { text, encoding } = decodeImportFile(bytes);
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const errors: LineError[] = [];
  const header = records.shift();
  if (!header) return { pupils: [], errors: [{ line: 1, message: 'Le fichier est vide.' }], encoding };

  const position = new Map<ColumnKey, number>();
  const folded = header.cells.map(fold);
  for (const [key, label] of Object.entries(IMPORT_COLUMNS) as Array<[ColumnKey, string]>) {
    const index = folded.indexOf(fold(label));
    if (index >= 0) position.set(key, index);
  }
  const missing = REQUIRED_COLUMNS.filter((key) => !position.has(key)).map((key) => `« ${IMPORT_COLUMNS[key]} »`);
  if (missing.length > 0) {
    return { pupils: [], errors: [{ line: header.line, message: `La ligne d’en-tête doit contenir les colonnes ${missing.join(', ')} (séparateur « ; »).` }], encoding };
  }

  const pupils: ImportedPupil[] = [];
  const seenIne = new Map<string, number>();
  for (const record of records) {
    const value = (key: ColumnKey) => {
      const index = position.get(key);
      return index === undefined ? '' : (record.cells[index] ?? '').trim();
    };
    const problems: string[] = [];
    for (const key of Object.keys(IMPORT_COLUMNS) as ColumnKey[]) {
      if (value(key).length > MAX_FIELD) problems.push(`la colonne « ${IMPORT_COLUMNS[key]} » dépasse ${MAX_FIELD} caractères`);
    }
    const ine = value('ine').replace(/\s+/g, '').toUpperCase();
    if (!/^[0-9A-Z]{11}$/.test(ine)) problems.push('l’INE doit comporter 11 chiffres ou lettres');
    else if (seenIne.has(ine)) problems.push(`l’INE ${ine} figure déjà ligne ${seenIne.get(ine)}`);
    for (const key of ['division', 'lastName', 'firstName'] as const) {
      if (value(key) === '') problems.push(`la colonne « ${IMPORT_COLUMNS[key]} » est vide`);
    }
    const birthDate = parseBirthDate(value('birthDate'));
    if (birthDate === undefined) problems.push('la date de naissance doit être au format JJ/MM/AAAA');

    const representatives: ImportedRepresentative[] = [];
    for (const [n, lastKey, firstKey, emailKey, phoneKey] of [
      [1, 'rl1LastName', 'rl1FirstName', 'rl1Email', 'rl1Phone'],
      [2, 'rl2LastName', 'rl2FirstName', 'rl2Email', 'rl2Phone'],
    ] as const) {
      const [lastName, firstName, email, phone] = [value(lastKey), value(firstKey), value(emailKey), value(phoneKey)];
      if (lastName === '' && firstName === '' && email === '' && phone === '') {
        if (n === 1) problems.push('le représentant légal 1 (nom et prénom) est obligatoire');
        continue;
      }
      if (lastName === '' || firstName === '') problems.push(`le nom et le prénom du représentant légal ${n} sont obligatoires`);
      if (email !== '' && !EMAIL.test(email)) problems.push(`le courriel du représentant légal ${n} n’est pas valide`);
      representatives.push({ lastName, firstName, email: email === '' ? null : email.toLowerCase(), phone: phone === '' ? null : phone });
    }

    if (problems.length > 0) {
      errors.push({ line: record.line, message: `Ligne ${record.line} : ${problems.join(' ; ')}.` });
      continue;
    }
    seenIne.set(ine, record.line);
    pupils.push({ line: record.line, division: value('division'), ine, lastName: value('lastName'), firstName: value('firstName'), birthDate: birthDate ?? null, representatives });
  }
  if (pupils.length === 0 && errors.length === 0) errors.push({ line: 2, message: 'Le fichier ne contient aucun élève.' });
  return { pupils, errors, encoding };
}

/** The identity that finds a representative again at the next import: names (folded) and e-mail. */
export function representativeKey(representative: ImportedRepresentative | { lastName: string; firstName: string; email: string | null }): string {
  return `${fold(representative.lastName)}|${fold(representative.firstName)}|${(representative.email ?? '').toLowerCase()}`;
}

export const importErrorsAsFields = (errors: LineError[]): FieldError[] => errors.map((error) => ({ field: 'fichier', message: error.message }));
