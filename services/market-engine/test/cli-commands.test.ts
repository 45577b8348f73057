// The `marketnode` commands a trader uses, run in-process through `main(argv, io)` against a real
// engine on a real nats-server: the answers agree with each other and with the engine's state, a
// rejection exits 1 with its code, a wrong command line exits 2 and says how to fix it, and every
// command has its help.
import t from 'tap';
import { main } from '../src/cli/main.js';
import { COMMANDS } from '../src/cli/command-module.js';
import { captureIo } from './support/capture-io.js';
import { startEngineFixture } from './support/engine-fixture.js';

async function run(args: readonly string[]) {
  const io = captureIo();
  const exitCode = await main(args, io);
  return { exitCode, stdout: io.stdoutText(), stderr: io.stderrText() };
}

function json(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

t.test('swap, quote and query against a running engine', async (t) => {
  const fixture = await startEngineFixture();
  t.teardown(() => fixture.close());
  const nats = ['--nats', fixture.nats.url];
  const balanceOf = async (account: string) => {
    const answer = await run(['query', 'balance', '--account', account, '--json', ...nats]);
    t.equal(answer.exitCode, 0, answer.stderr);
    return (json(answer.stdout)['value'] as { balances: Record<string, string> }).balances;
  };

  await t.test('a quote is what the same swap then pays, and the balance moves by it', async (t) => {
    const quote = await run(['quote', '--offer', '2500000uusd', '--ask', 'uluna', '--json', ...nats]);
    t.equal(quote.exitCode, 0, quote.stderr);
    const quoted = json(quote.stdout)['value'] as { returnCoin: { amount: string } };
    const before = await balanceOf('terra1alice');
    const swap = await run([
      'swap',
      '--trader',
      'terra1alice',
      '--offer',
      '2500000uusd',
      '--ask',
      'uluna',
      ...nats,
    ]);
    t.equal(swap.exitCode, 0, swap.stderr);
    t.match(
      swap.stdout,
      new RegExp(`^swap executed: 2500000uusd -> ${quoted.returnCoin.amount}uluna to terra1alice`),
    );
    const after = await balanceOf('terra1alice');
    t.equal(BigInt(after['uusd'] ?? '0'), BigInt(before['uusd'] ?? '0') - 2_500_000n);
    t.equal(BigInt(after['uluna'] ?? '0'), BigInt(before['uluna'] ?? '0') + BigInt(quoted.returnCoin.amount));
  });

  await t.test('a retried request id prints the first outcome and swaps once', async (t) => {
    const args = ['swap', '--trader', 'terra1bob', '--offer', '1000000uusd', '--ask', 'uluna', '--json'];
    const first = await run([...args, '--request-id', 'cli-retry', ...nats]);
    const before = await balanceOf('terra1bob');
    const again = await run([...args, '--request-id', 'cli-retry', ...nats]);
    t.equal(again.exitCode, 0, again.stderr);
    t.equal(again.stdout, first.stdout);
    t.same(await balanceOf('terra1bob'), before);
  });

  await t.test('a rejected swap exits 1 with its code and changes nothing', async (t) => {
    const before = await balanceOf('terra1alice');
    const swap = await run([
      'swap',
      '--trader',
      'terra1alice',
      '--offer',
      '999999999999999999uusd',
      '--ask',
      'uluna',
      ...nats,
    ]);
    t.equal(swap.exitCode, 1);
    t.match(swap.stderr, /SDK_ERR_INSUFFICIENT_FUNDS/);
    t.match(swap.stderr, /request id: /);
    t.same(await balanceOf('terra1alice'), before);
  });

  await t.test('the other queries answer', async (t) => {
    for (const what of ['pool', 'rates', 'params', 'reserve']) {
      const answer = await run(['query', what, ...nats]);
      t.equal(answer.exitCode, 0, `${what}: ${answer.stderr}`);
      t.not(answer.stdout.trim(), '', `query ${what} prints its answer`);
    }
    const rates = json((await run(['query', 'rates', '--json', ...nats])).stdout);
    t.match(rates, { ok: true, value: { exchangeRates: { uusd: /^\d+\.\d{18}$/ } } });
  });
});

t.test('a command line that cannot work exits 2 and says what to fix', async (t) => {
  const cases: [string[], RegExp][] = [
    [
      ['swap', '--trader', 'terra1alice', '--ask', 'uluna'],
      /missing --offer \(for example --offer 1000000uusd\)/,
    ],
    [['swap', '--trader', 'terra1alice', '--offer', '12.5uusd', '--ask', 'uluna'], /is not a coin/],
    [['quote', '--offer', '1uusd', '--ask', 'uluna', '--nats', 'http://x'], /is not a NATS url/],
    [['query', 'everything'], /unknown query "everything"/],
    [['query', 'pool', '--account', 'terra1alice'], /--account is for "query balance"/],
    [['swap', '--bogus'], /Unknown option '--bogus'/],
    [['log', 'verify', 'extra'], /unexpected argument "extra"/],
    [['teleport'], /unknown command "teleport"/],
  ];
  for (const [args, message] of cases) {
    const result = await run(args);
    t.equal(result.exitCode, 2, args.join(' '));
    t.match(result.stderr, message, args.join(' '));
  }
});

t.test('a swap with no engine to answer exits 1 naming the failure', async (t) => {
  const result = await run([
    'swap',
    '--trader',
    'terra1alice',
    '--offer',
    '1uusd',
    '--ask',
    'uluna',
    '--nats',
    'nats://127.0.0.1:1',
    '--timeout-ms',
    '2000',
  ]);
  t.equal(result.exitCode, 1);
  t.match(result.stderr, /[A-Z]+_ERR_[A-Z_]+/);
});

t.test('every command and subcommand has its help, with usage and examples', async (t) => {
  const paths = [...COMMANDS.map((command) => [command.name]), ['log', 'verify'], ['log', 'inspect']];
  for (const path of paths) {
    const result = await run([...path, '--help']);
    t.equal(result.exitCode, 0, path.join(' '));
    t.match(result.stdout, new RegExp(`^Usage: marketnode ${path.join(' ')}`), path.join(' '));
    t.match(result.stdout, /Examples?:/, path.join(' '));
  }
  const top = await run(['--help']);
  t.equal(top.exitCode, 0);
  for (const command of COMMANDS) t.match(top.stdout, new RegExp(`\\n  ${command.name} `));
});
