import { describe, expect, it } from 'vitest';
import {
  bodyJsonProblem,
  contentTypeOf,
  describeJsonProblem,
  isJsonContentType,
  jsonBodyProblem,
} from '../../../src/core/call/json-body.js';

describe('a JSON body that does not parse', () => {
  it('is located by line and column, in words', () => {
    const cases: Array<[string, string, number, number]> = [
      ['{"a": 1,\n "b": }', 'a value expected', 2, 7],
      ['{"a": 1,}', 'a property name in double quotes expected', 1, 9],
      ["{'a': 1}", 'an unexpected character', 1, 2],
      ['{"a": 1} 2', 'nothing more expected after the value', 1, 10],
      ['[1 2]', 'a comma expected', 1, 4],
      ['{"name": "é", "b" 2}', 'a colon expected', 1, 19],
      ['// note\n{}', 'a comment (JSON has none)', 1, 1],
      ['{"a": "open', 'a string that is not closed', 1, 7],
      ['{"a": 01}', 'a comma expected', 1, 8],
      ['NaN', 'an unexpected character', 1, 1],
      ['{"a":\r\n\r\n  tru}', 'an unexpected character', 3, 3],
    ];
    for (const [body, what, line, column] of cases) {
      expect(jsonBodyProblem(body), body).toEqual({ what, line, column });
    }
    expect(describeJsonProblem({ what: 'a comma expected', line: 2, column: 5 })).toBe(
      'not valid JSON: a comma expected at line 2, column 5',
    );
  });

  it('is not claimed for JSON, an empty body, or a lone surrogate JSON.parse takes', () => {
    for (const body of ['{"ok": true}', ' [1, 2] ', '"text"', '', '  \n', '"\\ud800"', '3e5']) {
      expect(jsonBodyProblem(body), body).toBeNull();
    }
  });

  it('is looked for only when the body is sent as JSON', () => {
    expect(isJsonContentType(undefined)).toBe(true);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/merge-patch+json')).toBe(true);
    expect(isJsonContentType('Application/JSON')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(contentTypeOf({ 'content-TYPE': 'text/csv' })).toBe('text/csv');
    expect(contentTypeOf([{ name: 'Content-Type', value: 'a/b' }])).toBe('a/b');
    expect(contentTypeOf({ accept: 'x' })).toBeUndefined();
  });
});

describe('bodyJsonProblem', () => {
  it('checks only bodies sent as JSON, and answers the same for the same body', () => {
    expect(bodyJsonProblem(null, {})).toBeNull();
    expect(bodyJsonProblem('{bad', { 'Content-Type': 'text/plain' })).toBeNull();
    const problem = bodyJsonProblem('{bad', {});
    expect(problem).toMatchObject({ line: 1 });
    expect(bodyJsonProblem('{bad', [{ name: 'content-type', value: 'application/json' }])).toEqual(
      problem,
    );
    expect(bodyJsonProblem('{"ok":1}', {})).toBeNull();
  });
});
