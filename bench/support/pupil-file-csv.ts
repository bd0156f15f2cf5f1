/** A school's CSV export of `rows` pupils (two children per family, 12 divisions), as the import reads it. */
export const IMPORT_HEADER = 'Division;INE;Nom;Prénom;Date de naissance;Nom RL1;Prénom RL1;Courriel RL1;Téléphone RL1;Nom RL2;Prénom RL2;Courriel RL2;Téléphone RL2';

export function generatedImportFile(rows: number): Uint8Array {
  const lines = [IMPORT_HEADER];
  for (let index = 0; index < rows; index++) {
    const family = Math.floor(index / 2); // two children per family: shared representatives
    const ine = String(100000000 + index).padStart(10, '0') + 'A';
    lines.push(
      [`3e ${String.fromCharCode(65 + (index % 12))}`, ine, `Nom${family}`, `Élève${index}`, '14/05/2012', `Nom${family}`, 'Parent', `parent${family}@example.org`, '0601020304', `Nom${family}`, 'Autre', '', ''].join(';'),
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}
