// The licenses of the packages esbuild bundled into dist/: their code ships inside keyhole's
// chunks, not as packages of their own, so their copyright notices and license texts (which MIT,
// ISC, BSD and Blue Oak all ask to be kept with copies) ship beside it in one file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folder of the innermost package an esbuild input path lies in, or undefined. */
function packageFolder(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  return input.slice(0, at) + ['node_modules', ...rest.slice(0, depth)].join('/');
}

/** The license files a package ships (LICENSE, LICENCE.md, COPYING, NOTICE, …). */
function licenseFiles(folder) {
  return readdirSync(folder)
    .filter((file) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(file))
    .sort();
}

/**
 * THIRD-PARTY-LICENSES.txt for a build: every bundled package once, by name, with its version,
 * its declared license and the text of its license files.
 * @param {{ inputs: Record<string, unknown> }} metafile esbuild's metafile (paths relative to the
 *   working directory)
 * @returns {string}
 */
export function thirdPartyLicenses(metafile) {
  const folders = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const folder = packageFolder(input);
    if (folder === undefined || folders.has(folder)) continue;
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    folders.set(folder, manifest);
  }
  const sections = [...folders]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
    .map(([folder, manifest]) => {
      const files = licenseFiles(folder);
      const texts = files.map((file) => readFileSync(path.join(folder, file), 'utf8').trim());
      const body =
        texts.length > 0
          ? texts.join('\n\n')
          : `(the package ships no license file; its package.json says ${manifest.license})`;
      return `${manifest.name}@${manifest.version} (${manifest.license})\n\n${body}\n`;
    });
  const rule = `\n${'-'.repeat(78)}\n\n`;
  return [
    `keyhole's bundle (dist/) holds code from these ${sections.length} packages, under their licenses:\n`,
    ...sections,
  ].join(rule);
}
