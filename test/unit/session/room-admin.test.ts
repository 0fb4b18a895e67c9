import { expect } from '@open-wc/testing';
import { privateRoomName, rightsOf, roomSlug } from '../../../src/session/room-admin.js';

describe('room administration helpers', () => {
  it('makes JID-safe room names from titles', () => {
    expect(roomSlug('Design Team!')).to.equal('design-team');
    expect(roomSlug('  Café  Crème ')).to.equal('cafe-creme');
    expect(roomSlug('<script>alert(1)</script>')).to.equal('script-alert-1-script');
    expect(roomSlug('日本語')).to.equal('');
    expect(roomSlug('a'.repeat(100))).to.have.length(40);
  });

  it('names the private room of two users the same whoever asks', () => {
    const ab = privateRoomName('alice@localhost', 'bob@localhost');
    expect(privateRoomName('Bob@localhost', 'alice@localhost')).to.equal(ab);
    expect(ab).to.match(/^dm-[0-9a-f]{16}$/);
    expect(privateRoomName('alice@localhost', 'carol@localhost')).to.not.equal(ab);
  });

  it('derives what a user may do from role and affiliation', () => {
    expect(rightsOf({ nick: 'o', role: 'moderator', affiliation: 'owner' })).to.deep.equal({ configure: true, owner: true, admin: true, moderate: true });
    expect(rightsOf({ nick: 'a', role: 'moderator', affiliation: 'admin' })).to.deep.equal({ configure: false, owner: false, admin: true, moderate: true });
    expect(rightsOf({ nick: 'm', role: 'participant', affiliation: 'member' })).to.deep.equal({ configure: false, owner: false, admin: false, moderate: false });
    expect(rightsOf(undefined).moderate).to.equal(false);
  });
});
