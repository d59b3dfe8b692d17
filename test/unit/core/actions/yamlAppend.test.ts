import assert from 'node:assert/strict';
import { YamlTextEditor } from '../../../../src/core/files/yamlTextEditor';

const item = { id: 'a-123456', title: 'x: y', status: 'open' };
const append = (text: string): string => new YamlTextEditor(text).append(['actions'], item).toString();

describe('appending an action to a YAML list, keeping every other line', () => {
  it('writes the item below the last one, at the list\'s own indentation, comments and blank lines untouched', () => {
    assert.equal(
      append('a: 1\nactions:\n  # first\n  - id: a-000000 # keep\n    title: t\n\n# trailing\nb: 2\n'),
      'a: 1\nactions:\n  # first\n  - id: a-000000 # keep\n    title: t\n  - id: a-123456\n    title: "x: y"\n    status: open\n\n# trailing\nb: 2\n',
    );
    assert.equal(append('actions:\n- id: a-000000\n'), 'actions:\n- id: a-000000\n- id: a-123456\n  title: "x: y"\n  status: open\n');
  });

  it('starts the list when there is none, or it is empty or flow style', () => {
    const block = 'actions:\n  - id: a-123456\n    title: "x: y"\n    status: open\n';
    assert.equal(append('a: 1 # c\n'), `a: 1 # c\n${block}`);
    assert.equal(append('a: 1\nactions: []\nb: 2\n'), `a: 1\n${block}b: 2\n`);
    assert.equal(append('a: 1\nactions:\n'), `a: 1\n${block}`);
  });
});
