import type { Table } from './tables.js';

/** `text` as one word in bash and zsh: single-quoted, a quote inside as '\''. */
export function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The tables as bash/zsh functions (`__keyhole_sub`, …) built on `case`: fast, and bash 3.2-safe. */
export function shTables(tables: readonly Table[]): string {
  return tables.map(shFunction).join('\n');
}

function shFunction(table: Table): string {
  const subject = table.arity === 2 ? '"$1/$2"' : '"$1"';
  const branches = table.entries.map((entry) => {
    const patterns = entry.keys.map(shQuote);
    if (entry.prefix !== undefined) patterns.push(`${shQuote(entry.prefix)}*`);
    const print =
      entry.lines.length > 0 ? `printf '%s\\n' ${entry.lines.map(shQuote).join(' ')}` : ':';
    return `    ${patterns.join(' | ')}) ${print} ;;`;
  });
  const otherwise = table.otherwise === 'fail' ? 'return 1' : ':';
  return [
    `# ${table.doc}`,
    `__keyhole_${table.name}() {`,
    `  case ${subject} in`,
    ...branches,
    `    *) ${otherwise} ;;`,
    '  esac',
    '}',
    '',
  ].join('\n');
}
