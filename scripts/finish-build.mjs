// After `tsc`: the container runs `node dist/server.js`, which starts the compiled service.
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../dist/server.js', import.meta.url), "import './src/server.js';\n");
