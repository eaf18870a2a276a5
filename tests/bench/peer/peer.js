// The benchmark's peer: what a team would write instead of oncallbot, as a minimal Bolt for
// JavaScript app in Socket Mode. It does oncallbot's two jobs that the benchmark times:
//  - /oncall who: ack the envelope, then post who is on call with chat.postMessage (say), the
//    pattern Bolt's documentation shows;
//  - POST /webhooks/alertmanager: answer 200, then announce each firing group with
//    chat.postMessage, in #bench-<k> for alerts labelled bench_lane=<k> (as oncallbot's routes
//    do in the benchmark), else in ANNOUNCE_CHANNEL.
// Configuration comes from the environment (set by tests/bench/bench_driver):
//   SLACK_API_URL (chatsim's http://127.0.0.1:PORT/api/), SLACK_BOT_TOKEN, SLACK_APP_TOKEN,
//   PEER_PORT_FILE (where the webhook port is written once listening), ANNOUNCE_CHANNEL.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const { App, LogLevel } = require('@slack/bolt');

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`peer: set ${name} in the environment`);
    process.exit(2);
  }
  return value;
}

const app = new App({
  token: required('SLACK_BOT_TOKEN'),
  appToken: required('SLACK_APP_TOKEN'),
  socketMode: true,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: required('SLACK_API_URL') },
});
const announceChannel = process.env.ANNOUNCE_CHANNEL || 'C0ALERTS';
const schedule = { primary: 'alice' };  // the same one-person rota the benchmark gives oncallbot

app.command('/oncall', async ({ command, ack, say }) => {
  await ack();
  if (command.text.trim() !== 'who') {
    await say(`Unknown command: ${command.text}`);
    return;
  }
  const lines = Object.entries(schedule).map(([name, person]) => `*${name}*: @${person}`);
  await say({ text: `*On call now*\n${lines.join('\n')}` });
});

function announcement(group) {
  const labels = group.commonLabels || {};
  const annotations = group.commonAnnotations || {};
  const title = annotations.summary || labels.alertname || 'alert';
  const firing = (group.alerts || []).filter((a) => a.status === 'firing').length;
  return `:rotating_light: *${title}* (${labels.severity || 'unknown'}) — ${firing} firing`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function onWebhook(req, res) {
  if (req.method !== 'POST' || req.url.split('?')[0] !== '/webhooks/alertmanager') {
    res.writeHead(404).end();
    return;
  }
  let group;
  try {
    group = JSON.parse(await readBody(req));
  } catch (e) {
    res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error":"body is not JSON"}');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
  if (group.status !== 'firing') return;
  const lane = (group.commonLabels || {}).bench_lane;
  const channel = lane === undefined ? announceChannel : `#bench-${lane}`;
  try {
    await app.client.chat.postMessage({ channel, text: announcement(group) });
  } catch (e) {
    console.error(`peer: announcement failed: ${e.message}`);
  }
}

(async () => {
  await app.start();
  const server = http.createServer((req, res) => { onWebhook(req, res); });
  server.keepAliveTimeout = 60000;
  server.listen(0, '127.0.0.1', () => {
    const portFile = required('PEER_PORT_FILE');
    fs.writeFileSync(`${portFile}.tmp`, String(server.address().port));
    fs.renameSync(`${portFile}.tmp`, portFile);
  });
  const stop = () => {
    server.close();
    app.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((e) => {
  console.error(`peer: ${e.stack || e}`);
  process.exit(1);
});
