import { fileURLToPath } from 'node:url';
import { fixture, LFH } from '#test/x12/helpers.ts';

/** Where LinuxForHealth/x12 keeps its TR3 examples, by transaction set (see test/fixtures/x12/SOURCES.md). */
const folderOf: Record<string, string> = {
  '270': '270_005010X279A1',
  '271': '271_005010X279A1',
  '276': '276_005010X212',
  '277': '277_005010X212',
  '837': '837_005010X222A2',
};

const pathOf = (name: string): string => {
  const folder = folderOf[name.slice(name.lastIndexOf('.') + 1)];
  if (!folder) throw new Error(`no TR3 example folder for ${name}`);
  return `${LFH}${folder}/${name}`;
};

/** A TR3 example transaction (fictitious people) from the LinuxForHealth corpus, by file name, as text. */
export function tr3Example(name: string): string {
  return fixture(pathOf(name)).toString('utf8');
}

/** The same example's path on disk. */
export function tr3ExamplePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/x12/${pathOf(name)}`, import.meta.url));
}
