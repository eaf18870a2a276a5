// Role: starts the real chatsim binary on a free loopback port for one test file, talks to its
// /_sim control API, and stops it. Shared by slack.test.mjs and mattermost.test.mjs.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// CHATSIM_BINARY wins; otherwise the default build tree, relative to tests/conformance/.
export function chatsimBinary() {
  return process.env.CHATSIM_BINARY || resolve(here, '..', '../../build/tests/chatsim/chatsim');
}

// Polls `probe` until it returns something truthy; the error names what was awaited and, when a
// chatsim is given, ends with the tail of its request log.
export async function waitFor(probe, what, {timeoutMs = 10000, intervalMs = 50, sim} = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const tail = sim ? `\nchatsim log tail:\n${sim.logTail()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${tail}`);
    }
    await sleep(intervalMs);
  }
}

// Starts chatsim with --port 0 --port-file <tmp> plus `args`; resolves once the port is known.
export async function startChatsim(args = []) {
  const binary = chatsimBinary();
  if (!existsSync(binary)) {
    throw new Error(`chatsim binary not found at ${binary} (set CHATSIM_BINARY)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'chatsim-conformance-'));
  const portFile = join(dir, 'port');
  const child = spawn(binary, ['--port', '0', '--port-file', portFile, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (process.env.CONFORMANCE_VERBOSE) process.stderr.write(`chatsim: ${line}\n`);
    }
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      exited = {code, signal};
      resolveExit(exited);
    });
  });

  // Whatever ends this test process (a test timeout, an uncaught error), chatsim goes with it.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
    rmSync(dir, {recursive: true, force: true});
  };
  process.once('exit', killOnExit);

  const port = await waitFor(() => {
    if (exited) {
      throw new Error(`chatsim exited early (${JSON.stringify(exited)}):\n${lines.join('\n')}`);
    }
    if (!existsSync(portFile)) return 0;
    return Number.parseInt(readFileSync(portFile, 'utf8').trim(), 10) || 0;
  }, 'chatsim to write its port file');

  const base = `http://127.0.0.1:${port}`;
  const sim = {
    port,
    base,
    // The last lines of chatsim's log, without the tests' own polling of /_sim/ reads.
    logTail: (n = 40) => lines.filter((l) => !/ GET \/_sim\//.test(l)).slice(-n).join('\n'),

    // One control API call; answers {status, body} with the body parsed when it is JSON.
    async call(method, path, body) {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : {'Content-Type': 'application/json'},
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // plain text stays text (e.g. /_sim/transcript)
      }
      return {status: response.status, body: parsed, headers: response.headers};
    },
    // Control calls that must succeed; a 4xx/5xx becomes an error with chatsim's message.
    async post(path, body = {}) {
      const r = await sim.call('POST', path, body);
      if (r.status >= 400) throw new Error(`POST ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async get(path) {
      const r = await sim.call('GET', path);
      if (r.status >= 400) throw new Error(`GET ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    stats: () => sim.get('/_sim/stats'),

    // SIGTERM, then SIGKILL if chatsim has not exited within 5 s.
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exitPromise;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dir, {recursive: true, force: true});
      return exited;
    },
  };
  return sim;
}
