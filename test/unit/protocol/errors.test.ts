import { expect } from '@open-wc/testing';
import { humanError, humanStreamError, toXmppError, XmppError } from '../../../src/protocol/errors.js';
import { bareJid, parseJid, roomJid } from '../../../src/protocol/jid.js';

describe('errors', () => {
  it('words the same condition by context', () => {
    expect(humanError('forbidden', 'join')).to.equal('You are banned from this room');
    expect(humanError('forbidden', 'message')).to.equal('You are not allowed to send messages to this room');
    expect(humanError('forbidden')).to.equal('You are not allowed to do that');
  });

  it('falls back to the request wording, then to a generic one', () => {
    expect(humanError('internal-server-error', 'join')).to.equal('The server had an internal error');
    expect(humanError('made-up', 'join')).to.equal('Could not join this room');
    expect(humanError(undefined, 'request')).to.equal('The request failed');
    expect(humanError('toString', 'join')).to.equal('Could not join this room');
  });

  it('turns StanzaJS IQ-shaped rejections into XmppError', () => {
    const timeout = { id: 'x1', type: 'error', error: { condition: 'timeout', text: 'Request timed out after 10 seconds.' } };
    const e = toXmppError(timeout);
    expect(e).to.be.instanceOf(Error).and.instanceOf(XmppError);
    expect(e.condition).to.equal('timeout');
    expect(e.message).to.equal('The server did not answer in time');
    expect(toXmppError({ type: 'error', error: { condition: 'item-not-found' } }).message).to.equal('Not found');
    expect(toXmppError('boom').condition).to.equal('undefined-condition');
    expect(toXmppError(new Error('plain')).message).to.equal('plain');
  });

  it('words stream errors', () => {
    expect(humanStreamError('not-authorized')).to.equal('Wrong username or password');
    expect(humanStreamError('conflict')).to.equal('The server ended this session');
    expect(humanStreamError(undefined)).to.equal('The chat server closed the connection');
  });
});

describe('jid helpers', () => {
  it('splits and lower-cases, keeping the resource as sent', () => {
    expect(parseJid('Lobby@Conference.Localhost/Alice W')).to.deep.equal({
      local: 'lobby',
      domain: 'conference.localhost',
      resource: 'Alice W',
      bare: 'lobby@conference.localhost',
    });
    expect(bareJid('conference.localhost.')).to.equal('conference.localhost');
    expect(roomJid('conference.localhost')).to.equal(undefined);
    expect(roomJid('lobby@conference.localhost/nick/with/slashes')).to.equal('lobby@conference.localhost');
  });

  it('rejects implausible JIDs', () => {
    for (const bad of ['', '@x', 'a b@c', 'a@b c', 'a@', 'a@b/', 'x'.repeat(4000), 'a"b@c', 'a@b@c']) {
      expect(parseJid(bad), bad).to.equal(undefined);
    }
  });
});
