// A walk found `DENIED: denied: Your authorization token has expired` on a step card.
import { expect, it } from 'vitest';
import { errorLine } from '../../src/core/error-line.js';

it('says the code once, whether or not the message starts with it', () => {
  expect(errorLine({ code: 'DENIED', message: 'denied: Your authorization token has expired. Reauthenticate and try again.' }))
    .toBe('denied: Your authorization token has expired. Reauthenticate and try again.');
  expect(errorLine({ code: 'RepositoryNotFoundException', message: "The repository with name 'x' does not exist" }))
    .toBe("RepositoryNotFoundException: The repository with name 'x' does not exist");
  expect(errorLine({ code: 'DENIED', message: 'denied' })).toBe('DENIED: denied');
});

it('says it once when docker names it inside its message (name unknown for NAME_UNKNOWN)', () => {
  const pulled = 'Error response from daemon: repository 127.0.0.1:1/nothere not found: name unknown: The repository with name \'nothere\' does not exist';
  expect(errorLine({ code: 'NAME_UNKNOWN', message: pulled })).toBe(pulled);
  expect(errorLine({ code: 'DENIED', message: 'Error response from daemon: denied: User: x is not authorized' })).toBe('Error response from daemon: denied: User: x is not authorized');
});
