// Role: Mattermost conformance — the official @mattermost/client Client4 (REST v4) and
// WebSocketClient, unmodified, against chatsim (shared/reference/protocols.md Part B, checklist
// Part C 4-5). Skips itself while chatsim has no Mattermost dialect (see the probe below).
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import mattermost from '@mattermost/client';
import {startChatsim, waitFor} from './lib/chatsim.mjs';

const {Client4, WebSocketClient} = mattermost;
const BOT_TOKEN = 'mm-sim-bot-token';
const ID_PATTERN = /^[a-z0-9]{26}$/;
const NO_DIALECT = 'skipped: chatsim has no Mattermost dialect yet';

// WebSocketClient uses the WHATWG WebSocket global: Node 22+ has it, Node 20 only with
// --experimental-websocket (tests/conformance/run passes it).
if (typeof globalThis.WebSocket !== 'function') {
  throw new Error('no global WebSocket: run Node 20 with --experimental-websocket (tests/conformance/run does)');
}
// The client builds a CloseEvent when the event sequence breaks; Node 20 has no such global.
globalThis.CloseEvent ??= class CloseEvent extends Event {
  constructor(type, init = {}) {
    super(type);
    this.code = init.code ?? 0;
    this.reason = init.reason ?? '';
    this.wasClean = init.wasClean ?? false;
  }
};

const sim = await startChatsim();
// Without the dialect, /api/v4/users/me is a 404 or falls to the Slack Web API route, which
// answers {"ok":false,"error":"unknown_method"}. Anything else is tested (and may fail).
const probe = await sim.call('GET', '/api/v4/users/me', undefined);
const hasDialect = probe.status !== 404 && probe.body?.error !== 'unknown_method';
if (!hasDialect) {
  console.log(`# mattermost: ${NO_DIALECT} (GET /api/v4/users/me -> ${probe.status} ${JSON.stringify(probe.body)})`);
  await sim.stop();
}

const client4 = (token = BOT_TOKEN) => {
  const c = new Client4();
  c.setUrl(sim.base);
  c.setToken(token);
  return c;
};

describe('Mattermost through @mattermost/client', {skip: hasDialect ? false : NO_DIALECT, timeout: 90000}, () => {
  const client = client4();
  let me;
  let alerts;
  let root;
  let reply;
  let ws;
  const events = []; // event frames as the client's message listeners see them
  const raw = []; // every frame chatsim sent, parsed
  const urls = []; // websocket URLs the client opened
  let closes = 0;

  // Fails at once when the client gave up the socket: it closes on a seq gap (code 4001) or a
  // missing pong, and drops the out-of-sequence event.
  const nextEvent = (predicate, what) => waitFor(() => {
    const found = events.find(predicate);
    if (found) return found;
    if (closes > 0) {
      throw new Error(`WebSocketClient closed its socket while waiting for ${what}; frames so far:\n` +
        raw.map((f) => JSON.stringify(f)).join('\n'));
    }
    return undefined;
  }, what, {sim, timeoutMs: 10000});

  after(async () => {
    ws?.close();
    await sim.stop();
  });

  describe('REST v4 through Client4', () => {
    it('answers with Content-Type exactly application/json, the only type Client4 parses as JSON', async () => {
      // The server sets this header on every API response (server/channels/web/handlers.go);
      // Client4.doFetchWithResponse compares it with ===, so a charset suffix leaves bodies unparsed.
      const response = await fetch(`${sim.base}/api/v4/users/me`, {headers: {Authorization: `Bearer ${BOT_TOKEN}`}});
      assert.equal(response.headers.get('content-type'), 'application/json');
      await response.text();
    });

    it('getMe answers the bot user', async () => {
      me = await client.getMe();
      assert.equal(typeof me, 'object', 'Client4 parses only Content-Type: application/json');
      assert.match(me.id, ID_PATTERN);
      assert.equal(me.username, 'oncallbot');
      assert.equal(me.is_bot, true);
    });

    it('getChannelByNameAndTeamName("ops", "alerts") finds the open channel', async () => {
      alerts = await client.getChannelByNameAndTeamName('ops', 'alerts');
      assert.match(alerts.id, ID_PATTERN);
      assert.match(alerts.team_id, ID_PATTERN);
      assert.equal(alerts.name, 'alerts');
      assert.equal(alerts.type, 'O');
    });

    it('createPost answers 201 and the Post, with props kept and from_bot set', async () => {
      const before = Date.now();
      root = await client.createPost({
        channel_id: alerts.id,
        message: 'Page PD123: disk full on db-1',
        props: {attachments: [{text: 'db-1 /var at 97%', actions: [{id: 'ack', name: 'Ack', type: 'button'}]}]},
      });
      assert.match(root.id, ID_PATTERN);
      assert.equal(root.channel_id, alerts.id);
      assert.equal(root.user_id, me.id);
      assert.equal(root.message, 'Page PD123: disk full on db-1');
      assert.equal(root.root_id, '');
      assert.ok(Number.isInteger(root.create_at) && root.create_at >= before - 1000,
        `create_at is int milliseconds (got ${root.create_at})`);
      assert.equal(root.delete_at, 0);
      assert.equal(root.props.from_bot, 'true');
      assert.equal(root.props.attachments[0].text, 'db-1 /var at 97%');

      // Client4 accepts any 2xx; the protocol says 201 for a create.
      const response = await fetch(`${sim.base}/api/v4/posts`, {
        method: 'POST',
        headers: {'Authorization': `Bearer ${BOT_TOKEN}`, 'Content-Type': 'application/json'},
        body: JSON.stringify({channel_id: alerts.id, message: 'raw create'}),
      });
      assert.equal(response.status, 201);
      await response.json();
    });

    it('createPost with root_id makes a thread reply', async () => {
      reply = await client.createPost({channel_id: alerts.id, message: 'looking', root_id: root.id});
      assert.equal(reply.root_id, root.id);
      assert.ok(reply.create_at >= root.create_at);
    });

    it('patchPost changes only the fields given', async () => {
      const patched = await client.patchPost({id: root.id, message: 'Page PD123 acked by alice'});
      assert.equal(patched.id, root.id);
      assert.equal(patched.message, 'Page PD123 acked by alice');
      assert.equal(patched.props.attachments[0].text, 'db-1 /var at 97%', 'patch keeps omitted props');
      assert.equal(patched.create_at, root.create_at);
      assert.ok(patched.update_at >= root.update_at);
      assert.ok(patched.edit_at > 0, 'an edited message has edit_at set');
    });

    it('getPosts(channel) answers a PostList: order newest first, posts keyed by id', async () => {
      const list = await client.getPosts(alerts.id);
      assert.ok(Array.isArray(list.order));
      assert.equal(typeof list.posts, 'object');
      assert.equal(list.order[0], reply.id, 'the newest post comes first');
      assert.ok(list.order.includes(root.id));
      for (const id of list.order) assert.equal(list.posts[id]?.id, id, `posts has ${id}`);
      const times = list.order.map((id) => list.posts[id].create_at);
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'order is by create_at, descending');
      assert.equal(list.posts[root.id].message, 'Page PD123 acked by alice');
      assert.equal(typeof list.next_post_id, 'string');
      assert.equal(typeof list.prev_post_id, 'string');
    });

    it('a bad token is a 401 error object', async () => {
      await assert.rejects(client4('not-a-token').getMe(), (error) => {
        assert.equal(error.status_code, 401);
        assert.equal(typeof error.server_error_id, 'string');
        return true;
      });
    });
  });

  describe('WebSocket through WebSocketClient', () => {
    before(async () => {
      me ??= await client.getMe();
      alerts ??= await client.getChannelByNameAndTeamName('ops', 'alerts');
      ws = new WebSocketClient({
        minWebSocketRetryTime: 500,
        reconnectJitterRange: 0,
        newWebSocketFn: (url) => {
          urls.push(url);
          const socket = new WebSocket(url);
          socket.addEventListener('message', (event) => {
            try {
              raw.push(JSON.parse(event.data));
            } catch {
              raw.push({unparsable: String(event.data)});
            }
          });
          return socket;
        },
      });
      ws.addMessageListener((msg) => events.push(msg));
      ws.addCloseListener(() => { closes += 1; });
      ws.initialize(`ws://127.0.0.1:${sim.port}/api/v4/websocket`, BOT_TOKEN);
    });

    it('authenticates with authentication_challenge and gets hello (seq 0) with a connection id', async () => {
      const hello = await nextEvent((m) => m.event === 'hello', 'the hello event');
      assert.equal(hello.seq, 0);
      assert.match(hello.data.connection_id, /\S/);
      assert.equal(typeof hello.data.server_version, 'string');
      assert.equal(hello.broadcast.user_id, me.id);
      const ok = await waitFor(() => raw.find((f) => f.seq_reply === 1),
        'the reply to authentication_challenge (seq 1)', {sim});
      assert.equal(ok.status, 'OK');
      assert.equal(ok.event, undefined, 'a reply is not an event');
      assert.match(urls[0], /\/api\/v4\/websocket\?connection_id=&sequence_number=0$/);
    });

    it('answers the ping action with pong', async () => {
      const pong = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no reply to the ping action within 5 s')), 5000);
        ws.ping((reply) => {
          clearTimeout(timer);
          resolve(reply);
        });
      });
      assert.equal(pong.status, 'OK');
      assert.equal(pong.data.text, 'pong');
    });

    it('a person\'s post arrives as posted, data.post a JSON string that parses', async () => {
      const text = 'db-1 is back, @oncallbot';
      await sim.post('/_sim/mattermost/message', {user: 'alice', channel: 'alerts', message: text});
      const posted = await nextEvent(
        (m) => m.event === 'posted' && typeof m.data?.post === 'string' && JSON.parse(m.data.post).message === text,
        'the posted event');
      const post = JSON.parse(posted.data.post);
      assert.match(post.id, ID_PATTERN);
      assert.equal(post.channel_id, alerts.id);
      assert.notEqual(post.user_id, me.id);
      assert.equal(post.root_id, '');
      assert.ok(Number.isInteger(post.create_at));
      assert.equal(posted.broadcast.channel_id, alerts.id);
      assert.equal(posted.data.channel_type, 'O');
      assert.equal(posted.data.channel_name, 'alerts');
      assert.equal(posted.data.sender_name, '@alice');
      assert.equal(posted.data.team_id, alerts.team_id);
      if (posted.data.mentions !== undefined) {
        assert.equal(typeof posted.data.mentions, 'string', 'mentions is a JSON string');
        assert.ok(Array.isArray(JSON.parse(posted.data.mentions)));
      }
    });

    it('the bot\'s own create and patch arrive as posted and post_edited', async () => {
      const own = await client.createPost({channel_id: alerts.id, message: 'bot speaking'});
      const posted = await nextEvent(
        (m) => m.event === 'posted' && JSON.parse(m.data.post).id === own.id, 'posted for the bot post');
      assert.equal(JSON.parse(posted.data.post).user_id, me.id);
      await client.patchPost({id: own.id, message: 'bot speaking, edited'});
      const edited = await nextEvent(
        (m) => m.event === 'post_edited' && JSON.parse(m.data.post).id === own.id, 'post_edited');
      assert.equal(typeof edited.data.post, 'string');
      assert.equal(JSON.parse(edited.data.post).message, 'bot speaking, edited');
    });

    it('event seq counts up by one per event and the client never had to reconnect', () => {
      assert.deepEqual(events.map((m) => m.seq), events.map((_, i) => i));
      assert.equal(closes, 0);
      assert.equal(urls.length, 1);
    });
  });
});
