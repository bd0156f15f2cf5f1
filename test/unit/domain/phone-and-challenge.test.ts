import { describe, expect, it } from 'vitest';
import {
  birthDatesMatch,
  challengeState,
  CODE_TTL_MS,
  FLOW_TTL_MS,
  normaliseCode,
  normaliseEmail,
  parseBirthDate,
  rateLimitVerdict,
  verificationSmsText,
} from '../../../src/domain/account-challenge.js';
import { comparableName, sameName } from '../../../src/domain/person-name.js';
import { maskedMobileNumber, mobileNumberTail, normaliseMobileNumber } from '../../../src/domain/phone.js';

describe('numéros de portable, tels que les familles et les établissements les écrivent', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['07-00-11-22-33', '+33700112233'],
    ['0692 12 34 56', '+262692123456'],
    ['+262 692 12 34 56', '+262692123456'],
    ['0690 11 22 33', '+590690112233'],
    ['0696 11 22 33', '+596696112233'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('« %s » → %s', (typed, expected) => {
    expect(normaliseMobileNumber(typed)).toBe(expected);
  });

  it.each(['01 23 45 67 89', '09 87 65 43 21', '0612', 'abc', '', '+33 6 12', '++33612345678'])('« %s » n’est pas un portable joignable par SMS', (typed) => {
    expect(normaliseMobileNumber(typed)).toBeNull();
  });

  it('un numéro saisi « 0692… » par l’établissement et « +262 692… » par la famille se retrouvent par leurs neuf derniers chiffres', () => {
    expect(mobileNumberTail(normaliseMobileNumber('0692 12 34 56')!)).toBe(mobileNumberTail(normaliseMobileNumber('+262692123456')!));
    expect(mobileNumberTail('+33612345678')).toBe('612345678');
  });

  it('le numéro masqué laisse reconnaître son numéro sans le dévoiler', () => {
    expect(maskedMobileNumber('+33612345678')).toBe('06 •• •• •• 78');
    expect(maskedMobileNumber('+33612345678')).not.toContain('3456');
  });
});

describe('noms comparés sans tenir compte des accents, de la casse ni des traits d’union', () => {
  it('« Lefèvre-Dupont » est « lefevre dupont », « Élodie » est « ELODIE »', () => {
    expect(sameName('Lefèvre-Dupont', 'lefevre dupont')).toBe(true);
    expect(sameName('Élodie', ' ELODIE ')).toBe(true);
    expect(sameName('D’Almeida', "d'almeida")).toBe(true);
    expect(comparableName('  Marie   Anne ')).toBe('marie anne');
  });

  it('des noms différents, ou vides, ne se confondent pas', () => {
    expect(sameName('Martin', 'Martine')).toBe(false);
    expect(sameName('', '')).toBe(false);
  });
});

describe('codes, liens et limites', () => {
  const created = new Date('2027-03-01T10:00:00Z');
  const facts = { createdAt: created, expiresAt: new Date(created.getTime() + CODE_TTL_MS), verifiedAt: null, usedAt: null, codeFailures: 0, birthDateFailures: 0 };
  const at = (ms: number) => new Date(created.getTime() + ms);

  it('un code vaut 10 minutes, trois essais, et ne sert qu’une fois', () => {
    expect(challengeState(facts, at(CODE_TTL_MS - 1))).toBe('waiting');
    expect(challengeState(facts, at(CODE_TTL_MS))).toBe('dead');
    expect(challengeState({ ...facts, codeFailures: 2 }, at(0))).toBe('waiting');
    expect(challengeState({ ...facts, codeFailures: 3 }, at(0))).toBe('dead');
    expect(challengeState({ ...facts, verifiedAt: at(1000), usedAt: at(2000) }, at(3000))).toBe('dead');
  });

  it('une fois le code vérifié, la suite reste ouverte 30 minutes, pas davantage', () => {
    const verified = { ...facts, verifiedAt: at(60_000) };
    expect(challengeState(verified, at(60_000 + FLOW_TTL_MS - 1))).toBe('verified');
    expect(challengeState(verified, at(60_000 + FLOW_TTL_MS))).toBe('dead');
    expect(challengeState({ ...verified, birthDateFailures: 3 }, at(61_000))).toBe('dead');
  });

  it('les limites par numéro (3 par heure, 5 par jour) et par connexion (10 par heure)', () => {
    expect(rateLimitVerdict({ destinationLastHour: 2, destinationLastDay: 4, clientLastHour: 9 })).toBe('ok');
    expect(rateLimitVerdict({ destinationLastHour: 3, destinationLastDay: 3, clientLastHour: 0 })).toBe('destination');
    expect(rateLimitVerdict({ destinationLastHour: 0, destinationLastDay: 5, clientLastHour: 0 })).toBe('destination');
    expect(rateLimitVerdict({ destinationLastHour: 0, destinationLastDay: 0, clientLastHour: 10 })).toBe('client');
  });

  it('le code se saisit avec ou sans espaces, et rien d’autre que six chiffres', () => {
    expect(normaliseCode('123 456')).toBe('123456');
    expect(normaliseCode('12345')).toBeNull();
    expect(normaliseCode('12345a')).toBeNull();
  });

  it('les dates de naissance saisies à la française ou par le champ date, et toutes doivent correspondre', () => {
    expect(parseBirthDate('14/05/2012')).toBe('2012-05-14');
    expect(parseBirthDate('2012-05-14')).toBe('2012-05-14');
    expect(parseBirthDate('31/02/2012')).toBeNull();
    const expected = [
      { pupilId: 1, birthDate: '2012-05-14' },
      { pupilId: 2, birthDate: '2015-01-02' },
    ];
    expect(birthDatesMatch(expected, new Map([[1, '2012-05-14'], [2, '2015-01-02']]))).toBe(true);
    expect(birthDatesMatch(expected, new Map([[1, '2012-05-14'], [2, null]]))).toBe(false);
    expect(birthDatesMatch([], new Map())).toBe(false);
  });

  it('les adresses électroniques sont comparées en minuscules', () => {
    expect(normaliseEmail(' Maryse.Delcourt@Example.org ')).toBe('maryse.delcourt@example.org');
    expect(normaliseEmail('pas-une-adresse')).toBeNull();
  });

  it('le SMS tient en un message (160 caractères de l’alphabet GSM)', () => {
    for (const purpose of ['activation', 'recovery'] as const) {
      const text = verificationSmsText('123456', purpose);
      expect(text).toContain('123456');
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).not.toMatch(/[’«»]/);
    }
  });
});
