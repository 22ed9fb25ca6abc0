/**
 * Runs the sandbox alone with the demo organisation, for poking at it or pointing a separately started bot at it:
 *   node bin/run-ts.mjs src/sandbox/run.ts [--port 18080] [--events http://127.0.0.1:3000/lark/events]
 * (`npm start` without LARK_APP_ID starts it inside the bot process instead.)
 */
import { startDemoSandbox } from './demo';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const eventsUrl = arg('events', 'http://127.0.0.1:3000/lark/events');
const demo = await startDemoSandbox({
  eventsUrl,
  cardsUrl: arg('cards', eventsUrl.replace(/\/events$/, '/cards')),
  port: Number(arg('port', '18080')),
});
const c = demo.credentials;
process.stdout.write(
  [
    `Lark sandbox: ${demo.url}   控制台: ${demo.consoleUrl}`,
    `bot env: LARK_BASE_URL=${demo.url} LARK_APP_ID=${c.appId} LARK_APP_SECRET=${c.appSecret} LARK_ENCRYPT_KEY=${c.encryptKey} LARK_VERIFICATION_TOKEN=${c.verificationToken}`,
    `events → ${eventsUrl}`,
    '',
  ].join('\n'),
);
const shutdown = (): void => void demo.stop().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
