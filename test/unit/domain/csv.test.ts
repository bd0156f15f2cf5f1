import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../src/domain/csv.js';

describe('cellules CSV', () => {
  it.each([
    ['Martin', 'Martin'],
    ['Jean; dit "Jeannot"', '"Jean; dit ""Jeannot"""'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+33 6 00', "'+33 6 00"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['ligne 1\nligne 2', '"ligne 1\nligne 2"'],
  ])('« %s » devient %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('une ligne sépare par « ; » et finit par CRLF ; le vide reste vide', () => {
    expect(csvLine(['3e A', null, 2, undefined, 'x'])).toBe('3e A;;2;;x\r\n');
  });
});
