// The dashboard (apps/dashboard) bundled by esbuild into dist/dashboard: app.js (Preact, uPlot and
// the domain's vocabulary, one ES module), app.css and index.html, which the API serves at /ui
// (apps/membership-api/src/dashboard/serve-dashboard.ts). Types are checked by `npm run typecheck`.
import { copyFile, mkdir } from 'node:fs/promises';
import { build } from 'esbuild';

const OUT = 'dist/dashboard';

export async function buildDashboard() {
  await mkdir(OUT, { recursive: true });
  await build({
    entryPoints: { app: 'apps/dashboard/src/main.tsx' },
    outdir: OUT,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    tsconfig: 'apps/dashboard/tsconfig.json',
    logLevel: 'warning',
  });
  await copyFile('apps/dashboard/index.html', `${OUT}/index.html`);
}
