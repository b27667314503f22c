#!/usr/bin/env node
// Packs the package as npm would publish it, then checks the tarball: publint (strict) and
// Are The Types Wrong (every subpath, both import and require). The tarball is left in
// .tmp/pack/ for the `package` test project, which installs nothing and reads it directly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const out = '.tmp/pack';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out]);
const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
if (!tarball) throw new Error('npm pack produced no tarball');
const path = join(out, tarball);
console.log(`packed ${path}`);

run('npx', ['publint', 'run', path, '--strict']);
// node10 resolution (TypeScript's deprecated `moduleResolution: node`) cannot see subpath
// exports at all; every resolution that reads "exports" is checked.
run('npx', ['attw', path, '--profile', 'node16', '--format', 'table-flipped', '--no-emoji']);
