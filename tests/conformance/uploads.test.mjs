// Role: upload conformance — the official clients' own upload paths, unmodified, against
// chatsim: @slack/web-api's filesUploadV2 (files.getUploadURLExternal, the bytes to upload_url
// as multipart, files.completeUploadExternal) and @mattermost/client's uploadFile + createPost.
// If these work, chatsim takes uploads the way the real servers do.
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import mattermost from '@mattermost/client';
import {LogLevel, WebClient} from '@slack/web-api';
import {startChatsim} from './lib/chatsim.mjs';

const {Client4} = mattermost;
const DRAFT = '# Postmortem #1\n\nCheckout latency, rolled back.\n';

describe('uploads through the official clients', {timeout: 60000}, () => {
  let sim;

  before(async () => {
    sim = await startChatsim();
  });
  after(async () => sim?.stop());

  it('Slack filesUploadV2 shares the file in the thread with its content', async () => {
    const web = new WebClient('xoxb-sim-bot', {slackApiUrl: `${sim.base}/api/`, logLevel: LogLevel.ERROR});
    const parent = await web.chat.postMessage({channel: 'C0ALERTS', text: 'incident #1'});
    const r = await web.filesUploadV2({
      channel_id: 'C0ALERTS',
      thread_ts: parent.ts,
      initial_comment: 'Postmortem draft',
      filename: 'postmortem-1.md',
      title: 'Postmortem #1',
      content: DRAFT,
    });
    assert.equal(r.ok, true);
    const {files} = await sim.get('/_sim/slack/files');
    assert.equal(files.length, 1);
    assert.equal(files[0].content, DRAFT);
    assert.equal(files[0].filename, 'postmortem-1.md');
    assert.equal(files[0].title, 'Postmortem #1');
    assert.equal(files[0].thread_ts, parent.ts);
    assert.equal(files[0].completed, true);
  });

  it('Mattermost uploadFile then createPost with file_ids puts the file in the thread', async () => {
    const client = new Client4();
    client.setUrl(sim.base);
    client.setToken('mm-sim-bot-token');
    const alerts = await client.getChannelByNameAndTeamName('ops', 'alerts');
    const root = await client.createPost({channel_id: alerts.id, message: 'incident #1'});
    const form = new FormData();
    form.append('channel_id', alerts.id);
    form.append('files', new Blob([DRAFT]), 'postmortem-1.md');
    const uploaded = await client.uploadFile(form);
    assert.equal(uploaded.file_infos.length, 1);
    const info = uploaded.file_infos[0];
    assert.equal(info.name, 'postmortem-1.md');
    assert.equal(info.size, Buffer.byteLength(DRAFT));
    const post = await client.createPost({channel_id: alerts.id, root_id: root.id, message: 'Draft', file_ids: [info.id]});
    assert.deepEqual(post.file_ids, [info.id]);
    const {files} = await sim.get('/_sim/mattermost/files');
    assert.equal(files[0].content, DRAFT);
    assert.equal(files[0].post_id, post.id);
  });
});
