// Fails when package.json and the code disagree about commands: a contributed command nobody
// registers (or the reverse), a menu or welcome link naming an unknown command, or a tree menu
// keyed on a `viewItem` that no node ever has (src/shared/contextValues.ts).
// Usage: node scripts/checkCommands.mjs [repository root]
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.dirname(path.dirname(new URL(import.meta.url).pathname)));
const read = (relative) => fs.readFileSync(path.join(root, relative), 'utf8');
const problems = [];

/** `key: 'value'` pairs of a `const NAME = { … }` object literal. */
function constObject(source, name, file) {
  const body = new RegExp(`export const ${name} = \\{([\\s\\S]*?)\\}`).exec(source)?.[1];
  if (body === undefined) {
    problems.push(`${file}: no "export const ${name} = {…}"`);
    return new Map();
  }
  return new Map([...body.matchAll(/(\w+):\s*'([^']+)'/g)].map((match) => [match[1], match[2]]));
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(relative));
    else if (entry.name.endsWith('.ts')) out.push(relative);
  }
  return out;
}

const manifest = JSON.parse(read('package.json'));
const contributes = manifest.contributes ?? {};
const declared = new Set((contributes.commands ?? []).map((command) => command.command));
const commandIds = constObject(read('src/shared/commandIds.ts'), 'COMMANDS', 'src/shared/commandIds.ts');
const contextValues = new Set(constObject(read('src/shared/contextValues.ts'), 'CONTEXT', 'src/shared/contextValues.ts').values());

// Registered: registerCommand(COMMANDS.x | 'id', …) anywhere in src, and `[COMMANDS.x]: handler`
// entries of handler tables in files that call registerCommand.
const registered = new Set();
const resolveKey = (key, file) => {
  const id = commandIds.get(key);
  if (id === undefined) problems.push(`${file}: COMMANDS.${key} is not in src/shared/commandIds.ts`);
  else registered.add(id);
};
for (const file of sourceFiles('src')) {
  const source = read(file);
  if (!source.includes('registerCommand')) continue;
  for (const match of source.matchAll(/registerCommand\(\s*(?:COMMANDS\.(\w+)|'([^']+)'|"([^"]+)")/g)) {
    if (match[1] !== undefined) resolveKey(match[1], file);
    else registered.add(match[2] ?? match[3]);
  }
  for (const match of source.matchAll(/\[COMMANDS\.(\w+)\]\s*:/g)) resolveKey(match[1], file);
}

for (const id of commandIds.values()) if (!declared.has(id)) problems.push(`COMMANDS has ${id}, which package.json does not contribute`);
for (const id of declared) {
  if (![...commandIds.values()].includes(id)) problems.push(`package.json contributes ${id}, which is not in COMMANDS`);
  if (!registered.has(id)) problems.push(`package.json contributes ${id}, but nothing in src registers it`);
}
for (const id of registered) {
  if (id.startsWith('playbooks.') && !declared.has(id)) problems.push(`src registers ${id}, which package.json does not contribute`);
}

// Menus: every command known; every viewItem condition satisfiable by some CONTEXT value.
for (const [menu, entries] of Object.entries(contributes.menus ?? {})) {
  for (const [index, entry] of entries.entries()) {
    const where = `menus["${menu}"][${index}]`;
    if (entry.command !== undefined && !declared.has(entry.command)) problems.push(`${where} refers to unknown command ${entry.command}`);
    const when = entry.when ?? '';
    for (const match of when.matchAll(/viewItem\s*==\s*([\w.-]+)/g)) {
      if (!contextValues.has(match[1])) problems.push(`${where}: viewItem == ${match[1]} is not a value of CONTEXT`);
    }
    for (const match of when.matchAll(/viewItem\s*=~\s*\/((?:[^/\\]|\\.)+)\/([a-z]*)/g)) {
      const pattern = new RegExp(match[1], match[2]);
      if (![...contextValues].some((value) => pattern.test(value))) problems.push(`${where}: viewItem =~ /${match[1]}/ matches no value of CONTEXT`);
    }
    if (menu === 'view/item/context' && !/viewItem/.test(when)) problems.push(`${where}: a tree item menu without a viewItem condition shows on every node`);
  }
}
for (const [index, welcome] of (contributes.viewsWelcome ?? []).entries()) {
  for (const match of (welcome.contents ?? '').matchAll(/\(command:([\w.]+)/g)) {
    if (match[1].startsWith('playbooks.') && !declared.has(match[1])) problems.push(`viewsWelcome[${index}] links to unknown command ${match[1]}`);
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`check-commands: ${problem}`);
  process.exit(1);
}
console.log(`check-commands: ${declared.size} commands, ${registered.size} registered, menus and context values agree`);
