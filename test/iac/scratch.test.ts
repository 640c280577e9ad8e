import { it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { synthesize } from '../fixtures/iac/cdk-app/app.js';
import { loadInfrastructure } from '../../src/iac/index.js';
it('scratch', async () => {
  const t0 = performance.now();
  const dir = synthesize('/tmp/cdkout-scratch');
  console.log('synth ms', performance.now() - t0, readdirSync(dir));
  
  console.log(JSON.stringify(await loadInfrastructure(dir, {}), null, 1));
}, 120000);
