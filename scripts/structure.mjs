#!/usr/bin/env node
// The house rules, measured over packages/*/src and apps/*/src: no source file over 300 lines, no
// function or class body over 120 lines, no import cycle (type-only imports included), no folder
// with more than 15 source files directly inside, and module-level mutable state only where it is
// declared as a layer's registry (a `// registry:` comment on the line above says what and why).
// Prints every violation; exits 1 if there is one. `--report` prints the figures even when clean.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LIMITS = { fileLines: 300, functionLines: 120, folderFiles: 15 };
const SOURCE = /\.(ts|tsx)$/;

function sourceRoots() {
  const roots = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const src = join(root, group, name, 'src');
      if (statSync(src, { throwIfNoEntry: false })?.isDirectory()) roots.push(src);
    }
  }
  return roots;
}

function walk(dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const files = sourceRoots().flatMap((dir) => walk(dir));
const violations = [];
const figures = { files: files.length, longestFile: 0, longestFunction: 0, biggestFolder: 0, registries: 0 };
const imports = new Map();

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
  }
  return null;
}

function isMutableInit(node) {
  if (!node) return false;
  if (ts.isNewExpression(node)) return ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'].includes(node.expression.getText());
  // An empty array or object filled later is state; a literal table of constants is data.
  return (ts.isArrayLiteralExpression(node) && node.elements.length === 0) || (ts.isObjectLiteralExpression(node) && node.properties.length === 0);
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const name = relative(root, file);
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  figures.longestFile = Math.max(figures.longestFile, lines);
  if (lines > LIMITS.fileLines) violations.push(`${name}: ${lines} lines (limit ${LIMITS.fileLines})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges = new Set();
  const lineOf = (pos) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const target = resolveImport(file, node.moduleSpecifier.text);
      if (target) edges.add(target);
    }
    const body =
      ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)
        ? node.body
        : ts.isClassDeclaration(node) || ts.isClassExpression(node)
          ? node
          : undefined;
    if (body) {
      const span = lineOf(body.getEnd()) - lineOf(body.getStart(source)) + 1;
      figures.longestFunction = Math.max(figures.longestFunction, span);
      if (span > LIMITS.functionLines) {
        const label = node.name?.getText(source) ?? ts.SyntaxKind[node.kind];
        violations.push(`${name}:${lineOf(node.getStart(source))}: ${label} is ${span} lines (limit ${LIMITS.functionLines})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  imports.set(file, edges);
  figures.registries += (text.match(/\/\/ registry:/g) ?? []).length;
  // Module-level mutable state: `let`, or a const holding a fresh collection.
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isLet = (statement.declarationList.flags & ts.NodeFlags.Let) !== 0;
    for (const declaration of statement.declarationList.declarations) {
      if (!isLet && !isMutableInit(declaration.initializer)) continue;
      const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
      const declared = comments.some((range) => /registry:/.test(text.slice(range.pos, range.end)));
      if (!declared) violations.push(`${name}:${lineOf(statement.getStart(source))}: module-level mutable state "${declaration.name.getText(source)}" outside a declared registry`);
    }
  }
}

// Folders: source files directly inside.
const perFolder = new Map();
for (const file of files) perFolder.set(dirname(file), (perFolder.get(dirname(file)) ?? 0) + 1);
for (const [folder, count] of perFolder) {
  figures.biggestFolder = Math.max(figures.biggestFolder, count);
  if (count > LIMITS.folderFiles) violations.push(`${relative(root, folder)}/: ${count} source files (limit ${LIMITS.folderFiles})`);
}

// Cycles (type-only imports count): depth-first search over the import graph.
const state = new Map();
const stack = [];
const cycles = new Set();
function dfs(file) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of imports.get(file) ?? []) {
    if (state.get(next) === 'open') cycles.add(stack.slice(stack.indexOf(next)).concat(next).map((f) => relative(root, f)).join(' -> '));
    else if (!state.has(next)) dfs(next);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) dfs(file);
for (const cycle of cycles) violations.push(`import cycle: ${cycle}`);
figures.cycles = cycles.size;

if (violations.length > 0 || process.argv.includes('--report')) {
  console.log(`structure: ${JSON.stringify(figures)}`);
  for (const violation of violations) console.log(`  ${violation}`);
}
if (violations.length > 0) {
  console.log(`structure: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log(`structure: clean (${files.length} files, longest file ${figures.longestFile} lines, longest function ${figures.longestFunction} lines, biggest folder ${figures.biggestFolder} files, ${figures.registries} declared registries, 0 cycles)`);
