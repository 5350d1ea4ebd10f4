// `npm run demo-api`: the Rotor stand-in alone, for pointing ROTOR_API_URL at it by hand.
import { createDemoApi } from './app';
import { demoApiOptionsFromEnv } from './env-options';

const port = Number(process.env.PORT) || 3001;
const host = process.env.HOST || '127.0.0.1';

// A long-running process: its request log must not grow without bound.
const demoApi = createDemoApi({ ...demoApiOptionsFromEnv(process.env), requestLogLimit: 1000 });
const baseUrl = await demoApi.listen({ port, host });
console.log(`Demo Rotor API: ${baseUrl} (${demoApi.leads.length} leads, daily limit ${demoApi.quota.limit})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demoApi.close().then(() => process.exit(0));
  });
}
