import { describe, expect, it } from 'vitest';
import { describeRecord } from './records';

describe('a record in a reporter’s words', () => {
  it('names a highlight by its passage on one line, clipped; an entity and a source by name', () => {
    const long = `Police registered\n\n268 cases ${'and more '.repeat(20)}`;
    const said = describeRecord('annotation:a1', { target: { quote: { exact: long } } });
    expect(said).toMatch(/^the highlight “Police registered 268 cases and more/);
    expect(said).not.toMatch(/\n/);
    expect(said.length).toBeLessThanOrEqual('the highlight “”'.length + 80);
    expect(said.endsWith('…”')).toBe(true);
    expect(describeRecord('entity:e1', { name: 'Kerala Police' })).toBe('the entity “Kerala Police”');
    expect(describeRecord('source:s1', { title: 'P-Hunt: 41 arrested' })).toBe('the source “P-Hunt: 41 arrested”');
  });

  it('says what kind of record it is when its body is gone or odd', () => {
    expect(describeRecord('annotation:a1', null)).toBe('a highlight');
    expect(describeRecord('entity:e1', { name: 42 })).toBe('an entity');
    expect(describeRecord('resolution:e1:cases', { metric: 'cases registered' })).toBe('the fact sheet’s choice for “cases registered”');
    expect(describeRecord('notebook', { name: 'x' })).toBe('the notebook’s name');
    expect(describeRecord('nonsense', {})).toBe('a record');
  });
});
