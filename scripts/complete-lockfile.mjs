// npm run lock:complete — after `npm install`, adds lock entries for other platforms' optional
// packages (e.g. @next/swc-darwin-arm64). The registry mirror on our machines only serves this
// platform's builds, so npm leaves those entries out, and `npm ci` then rejects the lock as out
// of sync. With os/cpu recorded, `npm ci` knows to skip them here and installs them elsewhere.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'mips64el'];
const alias = { windows: 'win32', win32: 'win32', macos: 'darwin' };

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.map((p) => alias[p] ?? p).find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  return { os, cpu };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const version = String(range).replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    // Where node would look for it from `path`: its own node_modules, then each enclosing one.
    const dirs = [];
    for (let dir = path; ; ) {
      dirs.push(dir === '' ? 'node_modules/' : `${dir}/node_modules/`);
      const cut = dir.lastIndexOf('/node_modules/');
      if (dir === '') break;
      dir = cut === -1 ? '' : dir.slice(0, cut);
    }
    const found = dirs.map((d) => packages[`${d}${dep}`]).find(Boolean);
    if (found && (found.version === version || !/^\d/.test(String(range)))) continue;
    // Beside the package that wants it (where npm puts this platform's sibling), or, when another
    // version holds that place, inside the package's own node_modules.
    const cut = path.lastIndexOf('node_modules/');
    let home = cut <= 0 ? 'node_modules/' : path.slice(0, cut + 'node_modules/'.length);
    if (packages[`${home}${dep}`]) home = `${path}/node_modules/`;
    if (packages[`${home}${dep}`]) continue;
    const { os, cpu } = platformOf(dep);
    packages[`${home}${dep}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} optional platform entries`);
