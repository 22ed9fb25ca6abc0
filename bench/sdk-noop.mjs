// The baseline: the Lark SDK's own EventDispatcher behind its adaptKoa, doing nothing with the
// event (it still checks the signature and decrypts). Prints its port on stdout.
import { createServer } from 'node:http';
import Koa from 'koa';
import * as lark from '@larksuiteoapi/node-sdk';

const dispatcher = new lark.EventDispatcher({
  encryptKey: process.env.LARK_ENCRYPT_KEY,
  verificationToken: process.env.LARK_VERIFICATION_TOKEN,
  loggerLevel: lark.LoggerLevel.error,
}).register({ 'im.message.receive_v1': async () => {}, 'card.action.trigger': async () => ({}) });
const app = new Koa();
app.use(lark.adaptKoa('/lark/events', dispatcher, { autoChallenge: true }));
const server = createServer(app.callback());
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
// Exits on the bench's SIGTERM the ordinary way, so that a profile it was started with is written.
process.on('SIGTERM', () => process.exit(0));
