// One HTTP call and its whole answer, for the scripts that drive the server (bench/soak.mjs,
// bench/load-test.mjs).

import { request } from 'node:http';

/**
 * One HTTP call and its whole answer.
 *
 * @param {import('node:http').Agent} agent - Connection pool (keep-alive).
 * @param {string} url - Server URL.
 * @param {{ method: string, path: string, headers?: Record<string, string>, body?: string }} options - The request.
 * @returns {Promise<{ status: number, body: string }>} The status and the body as UTF-8 text.
 */
export function call(agent, url, options) {
  return new Promise((resolvePromise, reject) => {
    const req = request(new URL(options.path, url), { method: options.method, agent, headers: options.headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
