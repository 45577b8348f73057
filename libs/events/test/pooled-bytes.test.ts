// Encodings are cut from a shared slab (`pooledBytes`): every view must be its own bytes, however
// many are cut and whatever their sizes, or one encoding would overwrite another.
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions, propertySeed } from '@marketnode/testkit';
import { pooledBytes } from '../src/codec/msgpack-writer.js';

t.comment(`property seed ${propertySeed()} (PROPERTY_SEED replays a run)`);

t.test('views of any sizes, cut one after another, never share a byte', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 9_000 }), { minLength: 1, maxLength: 200 }), (sizes) => {
      // Given views of these sizes, each filled with its own index
      const views = sizes.map((size, index) => {
        const view = pooledBytes(size);
        view.fill(index % 251);
        return view;
      });
      // Then each has its size and still holds only its own fill
      return views.every(
        (view, index) => view.byteLength === sizes[index] && view.every((byte) => byte === index % 251),
      );
    }),
    propertyOptions(),
  );
  t.pass('no two views overlapped');
});

t.test('a view larger than the pooled limit has a buffer of its own', async (t) => {
  const large = pooledBytes(5_000);
  t.equal(large.byteOffset, 0);
  t.equal(large.buffer.byteLength, 5_000);
  const small = pooledBytes(10);
  t.ok(small.buffer.byteLength > 10, 'a small one shares a slab');
});
