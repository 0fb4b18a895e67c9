/**
 * The README's events table is the page author's contract: it must name every public event
 * class (src/events/), no other, and say which ones are cancelable. A new event without a row
 * fails here.
 */
import { expect } from '@open-wc/testing';
import { ethoraEvents, EthoraEvent, type EthoraEventName } from '../../src/events/index.js';

interface Row {
  names: string[];
  cancelable: string;
}

async function readmeRows(): Promise<Row[]> {
  const readme = await (await fetch('/README.md')).text();
  const section = readme.split(/^## Events$/m)[1]?.split(/^## /m)[0] ?? '';
  const header = section.split('\n').find((l) => l.startsWith('| event |'));
  expect(header, 'the events table header').to.exist;
  const columns = header!.split('|').map((c) => c.trim());
  const cancelableAt = columns.indexOf('cancelable');
  expect(cancelableAt, 'a cancelable column').to.be.greaterThan(0);
  return (
    section
      .split('\n')
      .filter((l) => l.startsWith('| `ethora-'))
      // Split on cells, not on the escaped \| inside a detail type.
      .map((l) => l.split(/(?<!\\)\|/).map((c) => c.trim()))
      .map((cells) => ({ names: [...cells[1].matchAll(/`(ethora-[a-z-]+)`/g)].map((m) => m[1]), cancelable: cells[cancelableAt] }))
  );
}

describe('public events', () => {
  it('the README events table names every event class once, and no other', async () => {
    const documented = (await readmeRows()).flatMap((r) => r.names).sort();
    expect(documented).to.deep.equal(Object.keys(ethoraEvents).sort());
  });

  it('each class dispatches its own name, bubbles, is composed, and is cancelable as the README says', async () => {
    const rows = await readmeRows();
    for (const [name, Class] of Object.entries(ethoraEvents) as [EthoraEventName, (typeof ethoraEvents)[EthoraEventName]][]) {
      // The detail is not under test here: every constructor takes it as its only argument.
      const event = new (Class as unknown as new (detail?: unknown) => EthoraEvent<unknown>)({});
      expect(event).to.be.instanceOf(CustomEvent);
      expect([event.type, event.bubbles, event.composed], name).to.deep.equal([name, true, true]);
      const row = rows.find((r) => r.names.includes(name))!;
      expect(row.cancelable, `${name}: the README's cancelable column`).to.equal(event.cancelable ? 'yes' : 'no');
    }
  });
});
