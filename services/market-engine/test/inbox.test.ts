// The inbox never grows past its capacity and hands items out in arrival order.
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
