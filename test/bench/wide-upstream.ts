// The demo Rotor API serving the wide data set (wide-dataset.ts) for the proxy bench: DEMO_LEADS leads on PORT.
import { createDemoApi } from '../../src/demo-api/app';
import { generateDemoLeads } from '../../src/demo-api/generate-leads';
import { widenLeads } from './wide-dataset';

const leads = widenLeads(generateDemoLeads(Number(process.env.DEMO_LEADS ?? '100000')));
const demoApi = createDemoApi({
  leads,
  apiKey: process.env.DEMO_API_KEY ?? 'bench-demo-key',
  dailyLimit: Number(process.env.DEMO_DAILY_LIMIT ?? '100000'),
  requestLogLimit: 1000,
});
const baseUrl = await demoApi.listen({ port: Number(process.env.PORT) || 3001, host: '127.0.0.1' });
console.log(`Wide demo Rotor API: ${baseUrl} (${leads.length} leads)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void demoApi.close().then(() => process.exit(0)));
