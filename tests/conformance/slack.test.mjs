// Role: Slack conformance — the official @slack/web-api WebClient and @slack/socket-mode
// SocketModeClient, unmodified, against chatsim. If these clients work, chatsim speaks Slack's
// Web API and Socket Mode (shared/reference/protocols.md Part A, checklist Part C 1-3).
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {after, before, describe, it} from 'node:test';
import {SocketModeClient, LogLevel} from '@slack/socket-mode';
import {ErrorCode, WebClient, WebClientEvent} from '@slack/web-api';
import {startChatsim, waitFor} from './lib/chatsim.mjs';

const BOT_TOKEN = 'xoxb-sim-bot';
const APP_TOKEN = 'xapp-sim-app';
const TS_PATTERN = /^\d{10}\.\d{6}$/;

const apiUrl = (sim) => `${sim.base}/api/`;
const webClient = (sim, token = BOT_TOKEN, options = {}) =>
  new WebClient(token, {slackApiUrl: apiUrl(sim), logLevel: LogLevel.ERROR, ...options});

// A Block Kit page with Ack/Escalate buttons, as protocols.md A8 shows it.
function pageBlocks(text) {
  return [
    {type: 'section', block_id: 'summary', text: {type: 'mrkdwn', text}},
    {
      type: 'actions',
      block_id: 'page-PD123',
      elements: [
        {type: 'button', action_id: 'ack', value: 'PD123', style: 'primary',
          text: {type: 'plain_text', text: 'Ack'}},
        {type: 'button', action_id: 'escalate', value: 'PD123', style: 'danger',
          text: {type: 'plain_text', text: 'Escalate'}},
      ],
    },
  ];
}

const platformError = (code) => (error) =>
  error.code === ErrorCode.PlatformError && error.data?.ok === false && error.data?.error === code;

describe('Slack Web API through @slack/web-api WebClient', {timeout: 60000}, () => {
  let sim;
  let web;
  let textMessage;
  let blocksMessage;

  before(async () => {
    sim = await startChatsim();
    web = webClient(sim);
  });
  after(async () => sim?.stop());

  it('auth.test names the bot user, bot id and team', async () => {
    const r = await web.auth.test();
    assert.equal(r.ok, true);
    assert.equal(r.user_id, 'U0BOT');
    assert.equal(r.bot_id, 'B0BOT');
    assert.equal(r.team_id, 'T0SIM');
    assert.equal(r.user, 'oncallbot');
    assert.equal(typeof r.url, 'string');
  });

  it('chat.postMessage with text answers channel, a string ts and the message', async () => {
    textMessage = await web.chat.postMessage({channel: 'C0ALERTS', text: 'disk 91% on db-1'});
    assert.equal(textMessage.ok, true);
    assert.equal(textMessage.channel, 'C0ALERTS');
    assert.match(textMessage.ts, TS_PATTERN);
    assert.equal(textMessage.message.text, 'disk 91% on db-1');
  });

  it('chat.postMessage with blocks (form-encoded JSON string) keeps the blocks', async () => {
    blocksMessage = await web.chat.postMessage({
      channel: 'C0ALERTS',
      text: 'Page PD123: disk full on db-1',
      blocks: pageBlocks('*Page PD123*: disk full on db-1'),
    });
    assert.equal(blocksMessage.ok, true);
    assert.match(blocksMessage.ts, TS_PATTERN);
    assert.ok(blocksMessage.ts > textMessage.ts, 'a later message gets a later ts');
    const blocks = blocksMessage.message.blocks;
    assert.equal(blocks.length, 2);
    assert.equal(blocks[1].elements[0].action_id, 'ack');
    assert.equal(blocks[1].elements[1].style, 'danger');
  });

  it('chat.update replaces text and blocks and keeps the ts', async () => {
    const r = await web.chat.update({
      channel: 'C0ALERTS',
      ts: blocksMessage.ts,
      text: 'Page PD123 acked by alice',
      blocks: [{type: 'section', text: {type: 'mrkdwn', text: '*Acked* by <@U0ALICE>'}}],
    });
    assert.equal(r.ok, true);
    assert.equal(r.channel, 'C0ALERTS');
    assert.equal(r.ts, blocksMessage.ts);
    assert.equal(r.text, 'Page PD123 acked by alice');
  });

  it('conversations.history reads the channel back newest first, with the edit applied', async () => {
    const r = await web.conversations.history({channel: 'C0ALERTS'});
    assert.equal(r.ok, true);
    assert.deepEqual(r.messages.map((m) => m.ts), [blocksMessage.ts, textMessage.ts]);
    const [updated, plain] = r.messages;
    assert.equal(updated.text, 'Page PD123 acked by alice');
    assert.equal(updated.blocks.length, 1);
    assert.equal(updated.blocks[0].text.text, '*Acked* by <@U0ALICE>');
    assert.equal(updated.bot_id, 'B0BOT');
    assert.equal(plain.text, 'disk 91% on db-1');
    assert.equal(typeof r.has_more, 'boolean');

    // chatsim's own readback agrees (oldest first) and kept the edit history.
    const dump = await sim.get('/_sim/channels/alerts/messages');
    assert.deepEqual(dump.messages.map((m) => m.ts), [textMessage.ts, blocksMessage.ts]);
    assert.equal(dump.messages[1].edits.length, 1);
    assert.equal(dump.messages[1].edits[0].text, 'Page PD123: disk full on db-1');
  });

  it('WebClient.paginate walks conversations.history one message per page via next_cursor', async () => {
    const seen = [];
    let pages = 0;
    for await (const page of web.paginate('conversations.history', {channel: 'C0ALERTS', limit: 1})) {
      pages += 1;
      seen.push(...page.messages.map((m) => m.ts));
      assert.ok(pages <= 5, 'pagination must end (empty next_cursor)');
    }
    assert.deepEqual(seen, [blocksMessage.ts, textMessage.ts]);
  });

  it('API errors are HTTP 200 with ok:false, surfaced by the SDK as platform errors', async () => {
    await assert.rejects(web.chat.postMessage({channel: 'C0NOPE', text: 'x'}),
      platformError('channel_not_found'));
    await assert.rejects(webClient(sim, 'xoxb-not-a-token').auth.test(), platformError('invalid_auth'));
    await assert.rejects(webClient(sim, APP_TOKEN).chat.postMessage({channel: 'C0ALERTS', text: 'x'}),
      platformError('not_allowed_token_type'));
    await assert.rejects(web.apps.connections.open({}), platformError('not_allowed_token_type'));
  });
});

describe('Slack rate limits through WebClient retries (--burst 1)', {timeout: 60000}, () => {
  let sim;

  before(async () => {
    sim = await startChatsim(['--burst', '1']);
  });
  after(async () => sim?.stop());

  it('a 429 with Retry-After is waited out and the post then succeeds', async () => {
    const web = webClient(sim);
    const limited = [];
    web.on(WebClientEvent.RATE_LIMITED, (retrySec, {url}) => limited.push({retrySec, url, at: Date.now()}));

    const first = await web.chat.postMessage({channel: 'C0ONCALL', text: 'first page'});
    assert.equal(first.ok, true);
    const second = web.chat.postMessage({channel: 'C0ONCALL', text: 'second page'});

    // The bucket is per channel: another channel is not limited meanwhile.
    const other = webClient(sim);
    let otherLimited = false;
    other.on(WebClientEvent.RATE_LIMITED, () => { otherLimited = true; });
    assert.equal((await other.chat.postMessage({channel: 'C0GENERAL', text: 'elsewhere'})).ok, true);
    assert.equal(otherLimited, false, 'a post to another channel must not be limited');

    const secondResult = await second;
    const doneAt = Date.now();
    assert.equal(secondResult.ok, true);
    assert.ok(limited.length >= 1, 'the SDK saw a 429 with a Retry-After header');
    assert.match(limited[0].url, /chat\.postMessage$/);
    assert.ok(Number.isInteger(limited[0].retrySec) && limited[0].retrySec >= 1,
      `Retry-After is whole seconds >= 1 (got ${limited[0].retrySec})`);
    assert.ok(doneAt - limited[0].at >= limited[0].retrySec * 1000 - 50,
      'the retry came after Retry-After');

    const stats = await sim.stats();
    assert.ok(stats.rate_limited >= 1, `stats.rate_limited = ${stats.rate_limited}`);
    const dump = await sim.get('/_sim/channels/oncall/messages');
    assert.deepEqual(dump.messages.map((m) => m.text), ['first page', 'second page'],
      'the limited call was not stored; the retry was stored once');
  });
});

describe('Slack Socket Mode through @slack/socket-mode SocketModeClient', {timeout: 120000}, () => {
  let sim;
  let web;
  let client;
  const frames = []; // every text frame chatsim sent, parsed
  const envelopes = []; // {type, body, envelope_id, ack, ...} as the SDK hands them out
  const messageEvents = []; // what the SDK emitted as 'message'

  const nextEnvelope = (predicate, what) =>
    waitFor(() => envelopes.find(predicate), what, {sim, timeoutMs: 15000});

  before(async () => {
    sim = await startChatsim();
    web = webClient(sim);
    client = new SocketModeClient({
      appToken: APP_TOKEN,
      clientOptions: {slackApiUrl: apiUrl(sim)},
      logLevel: LogLevel.ERROR,
      // The SDK pings every 2/3 s and drops the socket after 3 unanswered pings or 2 s without a
      // pong; it also waits this long before reconnecting.
      clientPingTimeout: 2000,
    });
    client.on('ws_message', (data) => {
      try {
        frames.push(JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)));
      } catch {
        frames.push({unparsable: String(data)});
      }
    });
    client.on('slack_event', (envelope) => {
      // Events need only a bare ack; commands and clicks are acked by the test that sent them.
      if (envelope.type === 'events_api') envelope.ack();
      envelopes.push(envelope);
    });
    client.on('message', ({event}) => messageEvents.push(event));
  });
  after(async () => {
    await client?.disconnect();
    await sim?.stop();
  });

  it('connects: apps.connections.open with the app token, then hello on the websocket', async () => {
    const opened = await client.start();
    assert.equal(opened.ok, true);
    assert.match(opened.url, /^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[^&]+&app_id=A0SIM$/);
    const hello = frames[0];
    assert.equal(hello.type, 'hello');
    assert.equal(hello.envelope_id, undefined);
    assert.equal(typeof hello.num_connections, 'number');
    assert.equal(hello.connection_info.app_id, 'A0SIM');
    assert.equal(typeof hello.debug_info.approximate_connection_time, 'number');
    const stats = await sim.stats();
    assert.equal(stats.api_calls['apps.connections.open'], 1);
    assert.equal(stats.connections_opened, 1);
    assert.equal(stats.open_connections, 1);
  });

  it('answers the SDK\'s client pings, so the socket stays up', async () => {
    await new Promise((r) => setTimeout(r, 4000)); // six client pings
    const stats = await sim.stats();
    assert.equal(stats.connections_opened, 1, 'the SDK reconnected: a pong was missing');
    assert.equal(stats.open_connections, 1);
  });

  it('delivers a slash command; ack({text}) becomes the ephemeral reply', async () => {
    const pending = sim.post('/_sim/slack/command',
      {user: 'alice', channel: 'alerts', text: 'status db-1', wait_ms: 10000});
    const envelope = await nextEnvelope((e) => e.type === 'slash_commands', 'a slash_commands envelope');
    const body = envelope.body;
    assert.equal(body.command, '/oncall');
    assert.equal(body.text, 'status db-1');
    assert.equal(body.user_id, 'U0ALICE');
    assert.equal(body.user_name, 'alice');
    assert.equal(body.channel_id, 'C0ALERTS');
    assert.equal(body.team_id, 'T0SIM');
    assert.equal(body.api_app_id, 'A0SIM');
    assert.equal(typeof body.response_url, 'string');
    assert.equal(envelope.accepts_response_payload, true);
    const raw = frames.find((f) => f.envelope_id === envelope.envelope_id);
    assert.equal(typeof raw.payload, 'object', 'payload is a JSON object, not a string');

    await envelope.ack({text: 'All quiet on db-1'});
    const answer = await pending;
    assert.equal(answer.acked, true, 'chatsim did not take the SDK\'s ack frame as the ack');
    assert.equal(answer.trigger_id, body.trigger_id);
    assert.equal(answer.ack_payload.text, 'All quiet on db-1');

    const record = await sim.get(`/_sim/envelopes/${answer.trigger_id}`);
    assert.equal(record.type, 'slash_commands');
    assert.equal(record.acked, true);
    assert.ok(record.envelope_ids.includes(envelope.envelope_id));
    assert.deepEqual(record.ack_payload, {text: 'All quiet on db-1'});

    const dump = await waitFor(async () => {
      const d = await sim.get('/_sim/channels/alerts/messages');
      return d.ephemeral.some((e) => e.text === 'All quiet on db-1') && d;
    }, 'the ack payload to show up as an ephemeral reply', {sim});
    const reply = dump.ephemeral.find((e) => e.text === 'All quiet on db-1');
    assert.equal(reply.to_user, 'U0ALICE');
  });

  it('delivers a button click as an interactive block_actions envelope; a bare ack is recorded', async () => {
    const page = await web.chat.postMessage({
      channel: 'C0ONCALL', text: 'Page PD123: disk full on db-1', blocks: pageBlocks('*Page PD123*'),
    });
    const pending = sim.post('/_sim/slack/click',
      {user: 'bob', channel: 'oncall', message_ts: page.ts, action_id: 'escalate', wait_ms: 10000});
    const envelope = await nextEnvelope((e) => e.type === 'interactive', 'an interactive envelope');
    const body = envelope.body;
    assert.equal(body.type, 'block_actions');
    assert.equal(body.user.id, 'U0BOB');
    assert.equal(body.channel.id, 'C0ONCALL');
    assert.equal(body.container.type, 'message');
    assert.equal(body.container.channel_id, 'C0ONCALL');
    assert.equal(body.container.message_ts, page.ts);
    assert.equal(body.message.ts, page.ts);
    assert.equal(body.actions.length, 1);
    assert.equal(body.actions[0].action_id, 'escalate');
    assert.equal(body.actions[0].block_id, 'page-PD123');
    assert.equal(body.actions[0].value, 'PD123');
    assert.equal(body.actions[0].type, 'button');
    assert.equal(typeof body.trigger_id, 'string');
    assert.equal(typeof body.response_url, 'string');

    await envelope.ack();
    const answer = await pending;
    assert.equal(answer.acked, true, 'chatsim did not take the SDK\'s bare ack as the ack');
    const record = await sim.get(`/_sim/envelopes/${envelope.envelope_id}`);
    assert.equal(record.type, 'interactive');
    assert.equal(record.acked, true);
  });

  it('delivers a person\'s message as an events_api message event (escaped text)', async () => {
    const sent = await sim.post('/_sim/slack/message',
      {user: 'carol', channel: 'general', text: 'db-1 is <down> & paging'});
    const envelope = await nextEnvelope(
      (e) => e.type === 'events_api' && e.body.event?.ts === sent.ts, 'the message event');
    const {body} = envelope;
    assert.equal(body.type, 'event_callback');
    assert.equal(body.team_id, 'T0SIM');
    assert.equal(body.api_app_id, 'A0SIM');
    assert.equal(typeof body.event_id, 'string');
    assert.equal(typeof body.event_time, 'number');
    assert.equal(body.event.type, 'message');
    assert.equal(body.event.subtype, undefined);
    assert.equal(body.event.channel, 'C0GENERAL');
    assert.equal(body.event.user, 'U0CAROL');
    assert.equal(body.event.text, 'db-1 is &lt;down&gt; &amp; paging');
    assert.equal(envelope.retry_num, 0);
    assert.equal(envelope.accepts_response_payload, false);
    assert.ok(messageEvents.some((e) => e.ts === sent.ts), 'the SDK emitted it as a "message" event');
    await waitFor(async () => (await sim.get(`/_sim/envelopes/${envelope.envelope_id}`)).acked,
      'chatsim to record the bare ack of the event', {sim});
  });

  it('echoes the bot\'s own post as a message event with bot_id and no subtype', async () => {
    const own = await web.chat.postMessage({channel: 'C0GENERAL', text: 'bot speaking'});
    const envelope = await nextEnvelope(
      (e) => e.type === 'events_api' && e.body.event?.ts === own.ts, 'the echo of the bot post');
    assert.equal(envelope.body.event.user, 'U0BOT');
    assert.equal(envelope.body.event.bot_id, 'B0BOT');
    assert.equal(envelope.body.event.subtype, undefined);
  });

  it('a disconnect (refresh_requested) makes the SDK reconnect; later commands still arrive', async () => {
    const before = await sim.stats();
    const reconnected = once(client, 'connected', {signal: AbortSignal.timeout(20000)});
    const told = await sim.post('/_sim/slack/disconnect', {reason: 'refresh_requested'});
    assert.equal(told.sockets, 1);
    await reconnected;
    const disconnect = frames.find((f) => f.type === 'disconnect');
    assert.equal(disconnect.reason, 'refresh_requested');
    assert.equal(disconnect.envelope_id, undefined);
    const after = await waitFor(async () => {
      const s = await sim.stats();
      return s.connections_opened > before.connections_opened && s;
    }, 'a new Socket Mode connection', {sim});
    assert.ok(after.api_calls['apps.connections.open'] > before.api_calls['apps.connections.open'],
      'a fresh URL for every connect');

    const pending = sim.post('/_sim/slack/command',
      {user: 'dave', channel: 'oncall', text: 'who', wait_ms: 10000});
    const envelope = await nextEnvelope(
      (e) => e.type === 'slash_commands' && e.body.user_id === 'U0DAVE', 'a command after the reconnect');
    await envelope.ack();
    const answer = await pending;
    assert.equal(answer.acked, true, 'the command after the reconnect was not acked');
    assert.equal(answer.ack_payload?.text, undefined, 'a bare ack carries no reply text');
  });

  it('every ack the SDK sent was understood: no bad, duplicate or invalid frames', async () => {
    const stats = await sim.stats();
    assert.equal(stats.bad_acks, 0, 'stats.bad_acks: acks for envelope ids chatsim did not know');
    assert.equal(stats.duplicate_acks, 0, 'stats.duplicate_acks');
    assert.equal(stats.invalid_frames, 0, 'stats.invalid_frames: client frames chatsim could not read');
    assert.equal(stats.envelopes_abandoned, 0, 'stats.envelopes_abandoned');
    const acked = envelopes.length;
    assert.ok(stats.envelopes_acked >= acked, `${stats.envelopes_acked} acked of ${acked} handed out`);
  });
});
