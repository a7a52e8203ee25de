// Packs the package in the current directory exactly as `pnpm publish` would and checks what a user
// would install: LICENSE and README inside, the manifest fields registries and tools read, no
// workspace-only dependency left, and "use client" on exactly the client entries (React Server
// Components need it there, and nowhere else: a directive on a shared chunk or on the core would
// turn server code into client code).
//
//   node ../../scripts/check-tarball.mjs [--client dist/index.js,dist/index.cjs]
//
// Run from a package's `check:package` script (pnpm puts itself on PATH there).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = process.argv.indexOf('--client');
const expectedClient = new Set(flag === -1 ? [] : (process.argv[flag + 1] ?? '').split(',').filter(Boolean));
const problems = [];

const work = mkdtempSync(join(tmpdir(), 'check-tarball-'));
try {
  execFileSync('pnpm', ['pack', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack wrote no .tgz into ${work}`);
  execFileSync('tar', ['xzf', tarball], { cwd: work });
  const unpacked = join(work, 'package');
  const files = listFiles(unpacked);
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));

  for (const required of ['LICENSE', 'README.md', 'package.json']) {
    if (!files.includes(required)) problems.push(`${required} is missing from the tarball`);
  }
  checkManifest(manifest);
  const client = files.filter((file) => /\.(c|m)?js$/.test(file) && startsWithUseClient(readFileSync(join(unpacked, file), 'utf8')));
  for (const file of client) if (!expectedClient.has(file)) problems.push(`${file} starts with "use client" but is not a client entry`);
  for (const file of expectedClient) if (!client.includes(file)) problems.push(`${file} should start with "use client" (a client entry) but does not`);

  const bytes = files.reduce((sum, file) => sum + statSync(join(unpacked, file)).size, 0);
  console.log(`[check-tarball] ${tarball}: ${files.length} files, ${(bytes / 1024).toFixed(1)} kB unpacked`);
  console.log(`[check-tarball] LICENSE, README.md: ${['LICENSE', 'README.md'].every((f) => files.includes(f)) ? 'present' : 'MISSING'}`);
  console.log(`[check-tarball] "use client" first: ${client.length > 0 ? client.join(', ') : 'none (directive-free)'}`);
  console.log(`[check-tarball] dependencies: ${JSON.stringify(manifest.dependencies ?? {})}, peers: ${JSON.stringify(manifest.peerDependencies ?? {})}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`[check-tarball] ${problem}`);
  process.exit(1);
}
console.log('[check-tarball] ok');

function checkManifest(manifest) {
  for (const field of ['license', 'homepage', 'engines']) {
    if (manifest[field] === undefined) problems.push(`package.json has no "${field}"`);
  }
  if (typeof manifest.repository?.url !== 'string') problems.push('package.json has no repository.url');
  if (typeof manifest.bugs?.url !== 'string') problems.push('package.json has no bugs.url');
  const privateNames = privateWorkspacePackages();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}"`);
      if (privateNames.has(name)) problems.push(`${field}.${name} is a private workspace package: nobody can install it`);
    }
  }
}

/** Names of the workspace's private packages (pnpm-workspace.yaml's globs: `dir/*` or a directory). */
function privateWorkspacePackages() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = /^packages:\n((?:[ \t]+.*\n|[ \t]*\n)*)/m.exec(yaml)?.[1] ?? '';
  const globs = [...list.matchAll(/^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/gm)].map((match) => match[1]);
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*') && existsSync(join(root, glob.slice(0, -2)))
      ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(glob.slice(0, -2), entry.name))
      : glob.endsWith('/*') ? [] : [glob],
  );
  const names = new Set();
  for (const dir of dirs) {
    try {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      if (manifest.private === true) names.add(manifest.name);
    } catch {
      // A folder without a package.json is not a workspace package.
    }
  }
  if (names.size === 0) throw new Error('[check-tarball] found no private workspace package: is pnpm-workspace.yaml readable?');
  return names;
}

function listFiles(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))],
  );
}

/** True when the module's first statement is the "use client" directive (comments may precede it). */
function startsWithUseClient(code) {
  const withoutComments = code.replace(/^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '');
  return /^(['"])use client\1/.test(withoutComments);
}
