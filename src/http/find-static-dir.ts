import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's `static/` folder, whether we run from `src/` (tsx) or from `dist/src/` (built). */
export function findStaticDir(from: string = import.meta.url): string {
  let directory = dirname(fileURLToPath(from));
  for (let depth = 0; depth < 5; depth++) {
    const candidate = join(directory, 'static');
    if (existsSync(join(candidate, 'app.css'))) return candidate;
    directory = dirname(directory);
  }
  throw new Error('Dossier « static » introuvable à côté du service.');
}
