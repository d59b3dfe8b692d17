import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { layerOf, relativeToRoot, resolveImport, ROOT, sourceFiles } from '../../helpers/layers';

/** The operations behind the run actions, by the file that defines them. */
const OPERATIONS: Readonly<Record<string, readonly string[]>> = {
  'src/core/runs/runOperations.ts': ['postStatusUpdate', 'changeOwner', 'changeParticipants', 'finishRun', 'restoreRun', 'addNote', 'removeNote'],
  'src/core/runs/startRun.ts': ['startRun'],
  'src/core/runs/runSwitches.ts': ['setRetrospectiveEnabled', 'setStatusUpdatesEnabled', 'requestStatusUpdate', 'recordCommandRan'],
  'src/core/runs/taskOperations.ts': ['changeTask', 'applyTaskChange'],
  'src/core/retrospectives/retrospectiveOperations.ts': ['recordMetric', 'skipRetrospective'],
  'src/platform/publishing.ts': ['skipAndCommit', 'preparePublish'],
  'src/core/actions/actionOperations.ts': ['addAction', 'setAction'],
};
const VSCODE_LAYERS = new Set(['platform', 'views', 'webviews', 'commands', 'reminders', 'extension']);

/** The names a file imports as values (type-only imports are not calls) from each relative module. */
function valueImports(file: string): { from: string; names: string[] }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.importClause?.isTypeOnly) return [];
    const from = resolveImport(file, statement.moduleSpecifier.text);
    const bindings = statement.importClause?.namedBindings;
    if (from === undefined || bindings === undefined) return [];
    // A namespace import reaches every operation of the module.
    if (ts.isNamespaceImport(bindings)) return [{ from, names: [...(OPERATIONS[from] ?? [])] }];
    return [{ from, names: bindings.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text) }];
  });
}

describe('one action layer', () => {
  it('in the VS Code layer only src/actions calls the run and retrospective operations (no second implementation)', () => {
    const files = sourceFiles(path.join(ROOT, 'src')).filter((file) => {
      const layer = layerOf(relativeToRoot(file))?.name;
      return layer !== undefined && VSCODE_LAYERS.has(layer);
    });
    assert.ok(files.length > 40, `only ${files.length} files found`);
    const problems = files.flatMap((file) =>
      valueImports(file).flatMap(({ from, names }) => names.filter((name) => OPERATIONS[from]?.includes(name) === true && relativeToRoot(file) !== from).map((name) => `${relativeToRoot(file)} imports ${name} from ${from}: call it through src/actions`)),
    );
    assert.deepEqual(problems, []);
  });
});
