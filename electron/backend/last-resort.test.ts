import { EventEmitter } from 'node:events';
import { expect, it } from 'vitest';
import { installLastResort } from './last-resort';

it('logs a failure nothing handled, names it, and keeps the host running (installed once)', () => {
  const host = new EventEmitter();
  const lines: [string, unknown][] = [];
  let failures = 0;
  installLastResort(
    host,
    (line, error) => lines.push([line, error]),
    () => failures++,
  );
  installLastResort(
    host,
    (line, error) => lines.push([line, error]),
    () => failures++,
  );
  const lost = new Error('EACCES: permission denied, scandir /clips/private');
  host.emit('unhandledRejection', lost);
  host.emit('uncaughtException', new TypeError('x is undefined'));
  expect(lines.map(([line]) => line)).toEqual([expect.stringMatching(/nothing handled it; Dossier keeps running/), expect.stringMatching(/without being handled; Dossier keeps running/)]);
  expect(lines[0][1]).toBe(lost);
  expect(failures).toBe(2);
});
