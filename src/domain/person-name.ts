/**
 * A name as people type it: case, accents, hyphens, apostrophes and extra spaces do not count
 * (« Lefèvre-Dupont » = « lefevre dupont »). Used to compare a name typed by a family with the
 * name the school imported.
 */
export function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-'’‘.]+/g, ' ')
    .trim();
}

export function sameName(a: string, b: string): boolean {
  const left = comparableName(a);
  return left !== '' && left === comparableName(b);
}
