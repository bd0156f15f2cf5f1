import { describe, expect, it } from 'vitest';
import { firstFreeLogin, loginBase, normaliseUai, provisionalPassword } from '../../../src/domain/accounts.js';

describe('identifiants et mots de passe provisoires', () => {
  it.each([
    ['Léa', 'Martin', 'lea.martin'],
    ['Jean-Édouard', "N'Diaye", 'jean-edouard.n-diaye'],
    ['Ève', 'Da Silva', 'eve.da-silva'],
    ['', 'Ô', 'compte.o'],
  ])('%s %s donne « %s »', (firstName, lastName, expected) => {
    expect(loginBase(firstName, lastName)).toBe(expected);
  });

  it('un identifiant déjà pris reçoit un numéro', () => {
    expect(firstFreeLogin('lea.martin', new Set())).toBe('lea.martin');
    expect(firstFreeLogin('lea.martin', new Set(['lea.martin', 'lea.martin2']))).toBe('lea.martin3');
  });

  it('le mot de passe provisoire a 12 caractères lisibles en trois groupes', () => {
    const password = provisionalPassword(Uint8Array.from({ length: 12 }, (_, index) => index * 21));
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(password).not.toMatch(/[01ilo]/);
    expect(() => provisionalPassword(new Uint8Array(4))).toThrow();
  });

  it.each([
    ['0751234a', '0751234A'],
    [' 0751234 A ', '0751234A'],
    ['075123A', null],
    ['07512345A', null],
    ['ABCDEFGA', null],
  ])('le numéro UAI « %s » est lu %s', (raw, expected) => {
    expect(normaliseUai(raw)).toBe(expected);
  });
});
