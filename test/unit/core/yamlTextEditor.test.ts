import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { YamlTextEditor } from '../../../src/core/files/yamlTextEditor';

const edit = (text: string, change: (editor: YamlTextEditor) => void): string => {
  const editor = new YamlTextEditor(text);
  change(editor);
  return editor.toString();
};

describe('YamlTextEditor', () => {
  it('replaces a scalar and keeps the comment after it', () => {
    assert.equal(edit('a: 1 # one\nb: 2\n', (e) => e.set(['a'], 5)), 'a: 5 # one\nb: 2\n');
  });

  it('quotes only what YAML would misread', () => {
    const text = edit('a: x\n', (e) => e.set(['a'], 'null'));
    assert.deepEqual(load(text), { a: 'null' });
    assert.deepEqual(load(edit('a: x\n', (e) => e.set(['a'], 'key: value # not a comment'))), { a: 'key: value # not a comment' });
  });

  it('fills a key that has no value yet', () => {
    assert.equal(edit('a:\nb: 2\n', (e) => e.set(['a'], 'x')), 'a: x\nb: 2\n');
  });

  it('adds a key after another one, at its indentation, inside a list item', () => {
    const text = 'items:\n  - id: one\n    state: open # still\n    title: One\n';
    assert.equal(edit(text, (e) => e.set(['items', 0, 'assignee'], 'bob', { after: 'state' })), 'items:\n  - id: one\n    state: open # still\n    assignee: bob\n    title: One\n');
  });

  it('adds a key at the end of a file without a final newline', () => {
    assert.equal(edit('a: 1', (e) => e.set(['b'], 2)), 'a: 1\nb: 2\n');
  });

  it('writes multi-line text as a block literal that reads back the same', () => {
    const text = edit('reason: short\nnext: 1\n', (e) => e.set(['reason'], 'line one\nline two'));
    assert.deepEqual(load(text), { reason: 'line one\nline two', next: 1 });
    const again = edit(text, (e) => e.set(['reason'], 'other\ntext'));
    assert.deepEqual(load(again), { reason: 'other\ntext', next: 1 });
  });

  it('writes multi-line text a block cannot carry double-quoted, so it reads back the same and has no raw control characters', () => {
    for (const value of ['\u0000\n\u0000', 'a\nb\u0001', '  leading space\nnext', 'two blank lines after\n\n\n', 'carriage\r\nreturn', 'delete\u007f\nand next line\u0085', 'bom\ufeff\nx']) {
      const text = edit('reason: short\nnext: 1\n', (e) => e.set(['reason'], value));
      assert.deepEqual(load(text), { reason: value, next: 1 }, JSON.stringify(text));
      assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f]/, JSON.stringify(text));
    }
    assert.match(edit('a: 1\n', (e) => e.set(['b'], 'plain\ntext')), /b: \|-\n  plain\n  text\n/);
  });

  it('keeps a list in its flow or block style', () => {
    assert.equal(edit('p: [a, b] # who\n', (e) => e.set(['p'], ['a', 'c'])), 'p: [a, c] # who\n');
    assert.equal(edit('p:\n  - a\n  - b\nq: 1\n', (e) => e.set(['p'], ['a', 'b', 'c'])), 'p:\n  - a\n  - b\n  - c\nq: 1\n');
  });

  it('deletes a key with its value lines, and a list item', () => {
    assert.equal(edit('a: 1\nb: |\n  long\n  text\nc: 3\n', (e) => e.delete(['b'])), 'a: 1\nc: 3\n');
    assert.equal(edit('e:\n  - {id: 1}\n  - {id: 2}\n  - {id: 3}\n', (e) => e.delete(['e', 1])), 'e:\n  - {id: 1}\n  - {id: 3}\n');
    assert.equal(edit('a: 1\n', (e) => e.delete(['missing'])), 'a: 1\n');
  });
});
