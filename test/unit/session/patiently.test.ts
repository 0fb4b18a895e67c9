import { expect } from '@open-wc/testing';
import { XmppError } from '../../../src/protocol/errors.js';
import { patiently } from '../../../src/session/patiently.js';

describe('patiently', () => {
  it('asks again after a timeout, and returns the first answer', async () => {
    let asked = 0;
    const answer = await patiently(
      async () => {
        asked++;
        if (asked < 3) throw new XmppError('timeout', 'The server did not answer in time');
        return 'rooms';
      },
      3,
      1,
    );
    expect([answer, asked]).to.deep.equal(['rooms', 3]);
  });

  it('gives up after the last attempt with the timeout', async () => {
    let asked = 0;
    const failure = await patiently(
      async () => {
        asked++;
        throw new XmppError('timeout', 'The server did not answer in time');
      },
      2,
      1,
    ).catch((e: XmppError) => e);
    expect([failure.condition, asked]).to.deep.equal(['timeout', 2]);
  });

  it('does not ask again after any other error', async () => {
    let asked = 0;
    const failure = await patiently(
      async () => {
        asked++;
        throw new XmppError('forbidden', 'Not allowed');
      },
      3,
      1,
    ).catch((e: XmppError) => e);
    expect([failure.condition, asked]).to.deep.equal(['forbidden', 1]);
  });
});
