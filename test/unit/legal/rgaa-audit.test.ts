import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RGAA_CRITERIA, RGAA_THEMES, rgaaScore } from '../../../src/legal/rgaa-audit.js';

describe('l’auto-évaluation RGAA 4.1', () => {
  it('compte les 106 critères, chacun une fois, dans l’ordre des 13 thématiques', () => {
    expect(RGAA_CRITERIA).toHaveLength(106);
    const numbers = RGAA_CRITERIA.map((criterion) => criterion.number);
    expect(new Set(numbers).size).toBe(106);
    const perTheme = RGAA_THEMES.map((theme) => numbers.filter((number) => number.startsWith(`${theme.number}.`)).length);
    expect(perTheme).toEqual([9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12]);
  });

  it('chaque critère dit comment il a été vérifié, et le test qu’il nomme existe', () => {
    for (const criterion of RGAA_CRITERIA) {
      expect(criterion.how.trim(), criterion.number).not.toBe('');
      if (criterion.test) expect(existsSync(criterion.test), `${criterion.number} : ${criterion.test}`).toBe(true);
    }
  });

  it('applique la règle du RGAA : 100 % totalement, 50 % au moins partiellement, sinon non conforme', () => {
    const c = { number: '1', title: '', how: 'x', status: 'C' as const };
    const nc = { ...c, status: 'NC' as const };
    const na = { ...c, status: 'NA' as const };
    expect(rgaaScore([c, c, na]).conformity).toBe('totalement conforme');
    expect(rgaaScore([c, nc, na])).toMatchObject({ conformant: 1, applicable: 2, percent: 50, conformity: 'partiellement conforme' });
    expect(rgaaScore([c, nc, nc]).conformity).toBe('non conforme');
  });
});
