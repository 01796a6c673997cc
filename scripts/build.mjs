// `npm run build`: compiles apps/ and libs/ into dist/ with TypeScript's own `tsc --build` engine
// (incremental: tsconfig.build.json keeps its state in dist/tsconfig.build.tsbuildinfo), so a build
// with nothing changed is an up-to-date check of about a second and `npm start` answers at once.
// `nest build` was run once per app although each run compiled the same tree, and it keeps no
// usable incremental state (it writes the build info before reporting diagnostics, so every run
// type-checks everything again). What nest build adds over tsc here is rewriting the
// `@partner-program/*` path aliases to relative requires: the same hook of @nestjs/cli does that.
// Deleting dist/ forces a full build; a fresh clone's first build is a full one.
import ts from 'typescript';
import { tsconfigPathsBeforeHookFactory } from '@nestjs/cli/lib/compiler/hooks/tsconfig-paths.hook.js';
import { buildDashboard } from './build-dashboard.mjs';

const CONFIG = 'tsconfig.build.json';

const parsed = ts.getParsedCommandLineOfConfigFile(CONFIG, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: report });
if (!parsed) process.exit(1);
const rewriteAliases = tsconfigPathsBeforeHookFactory(parsed.options);

const host = ts.createSolutionBuilderHost(ts.sys, undefined, report, report);
const builder = ts.createSolutionBuilder(host, [CONFIG], {});
const status = builder.build(undefined, undefined, undefined, () => ({ before: [rewriteAliases], afterDeclarations: [rewriteAliases] }));
if (status !== ts.ExitStatus.Success) process.exit(1);
// The dashboard's bundle, served by the API at /ui (a second or so: esbuild does not type-check).
await buildDashboard();

function report(diagnostic) {
  process.stderr.write(
    ts.formatDiagnosticsWithColorAndContext([diagnostic], {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: ts.sys.getCurrentDirectory,
      getNewLine: () => ts.sys.newLine,
    }),
  );
}
