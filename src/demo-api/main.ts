// `npm run demo-api`: the Rotor stand-in alone, for pointing ROTOR_API_URL at it by hand.
import { createDemoApi } from './app';

const port = Number(process.env.PORT) || 3001;
const host = process.env.HOST || '127.0.0.1';

// A long-running process: its request log must not grow without bound.
const demoApi = createDemoApi({ logger: process.env.DEMO_LOG === '1', requestLogLimit: 1000 });
const baseUrl = await demoApi.listen({ port, host });
console.log(`Demo Rotor API: ${baseUrl} (${demoApi.leads.length} leads, daily limit ${demoApi.quota.limit})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demoApi.close().then(() => process.exit(0));
  });
}
