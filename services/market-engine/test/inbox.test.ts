// The inbox never grows past its capacity and hands items out in arrival order.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import t from 'tap';
import { BoundedInbox } from '../src/inbox.js';

t.test('a full inbox refuses instead of queueing', async (t) => {
  const inbox = new BoundedInbox<number>(2);
  t.equal(inbox.offer(1), true);
  t.equal(inbox.offer(2), true);
  t.equal(inbox.offer(3), false);
  t.equal(inbox.size, 2);
});

t.test('drain takes at most the batch limit, in arrival order', async (t) => {
  const inbox = new BoundedInbox<number>(10_000);
  for (let i = 0; i < 9_000; i += 1) inbox.offer(i);
  const first = inbox.drain(5_000);
  t.equal(first.length, 5_000);
  t.equal(first[4_999], 4_999);
  t.equal(inbox.drain(5_000)[0], 5_000);
  t.equal(inbox.size, 0);
});

t.test('whenReady resolves on the next offer or on wake', async (t) => {
  const inbox = new BoundedInbox<string>(4);
  const ready = inbox.whenReady();
  inbox.offer('x');
  await ready;
  t.same(inbox.drain(4), ['x']);
  const woken = inbox.whenReady();
  inbox.wake();
  await woken;
  t.equal(inbox.size, 0);
});

t.test('the inbox keeps no reference to the items it handed out', async (t) => {
  // A collection on demand, for this test only: V8 exposes gc() once the flag is set.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const inbox = new BoundedInbox<object>(10);
  const handedOut: WeakRef<object>[] = [];
  const kept: object[] = [];
  (() => {
    for (let i = 0; i < 5; i += 1) {
      const item = { i };
      if (i < 3) handedOut.push(new WeakRef(item));
      inbox.offer(item);
    }
    inbox.drain(2); // a partial drain
    inbox.drain(1); // and another
    kept.push(...inbox.drain(10)); // then the rest, which the caller keeps
  })();
  // WeakRef targets live to the end of the current job.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  t.same(
    handedOut.map((ref) => ref.deref()),
    [undefined, undefined, undefined],
    'every drained item the caller dropped was collected',
  );
  t.equal(kept.length, 2);
  t.equal(inbox.size, 0);
});
