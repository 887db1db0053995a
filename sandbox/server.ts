/**
 * Starts both payment API emulators: `npm run sandbox`.
 * A separate program: the dashboard reaches it only over HTTP, never by import.
 */
import { startClientpayEmulator } from "./clientpay";
import { startUsaepayEmulator } from "./usaepay";

const hostname = process.env.SANDBOX_HOST ?? "127.0.0.1";
const usaepayPort = Number(process.env.USAEPAY_EMULATOR_PORT ?? 4010);
const clientpayPort = Number(process.env.CLIENTPAY_EMULATOR_PORT ?? 4020);

const usaepay = await startUsaepayEmulator({ hostname, port: usaepayPort });
const clientpay = await startClientpayEmulator({ hostname, port: clientpayPort });

console.log(`USAePay emulator   ${usaepay.url}api/v2/   (control: ${usaepay.url}__sandbox/usaepay/)`);
console.log(`ClientPay emulator ${clientpay.url}v2/       (control: ${clientpay.url}__sandbox/clientpay/)`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([usaepay.close(), clientpay.close()]);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
