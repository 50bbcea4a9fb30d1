import type { INestApplication } from '@nestjs/common';

/**
 * `TRUST_PROXY` (Express "trust proxy"): unset = the TCP peer is the client (safe default: a
 * forged X-Forwarded-For cannot dodge the login brake); `true`, a hop count (`1`) or a list of
 * addresses/subnets (`loopback, 10.0.0.0/8`) when the API sits behind a reverse proxy.
 */
export function trustProxySetting(raw: string | undefined): boolean | number | string | null {
  if (raw === undefined || raw.trim() === '' || raw === 'false' || raw === '0') return null;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

export function applyTrustProxy(app: INestApplication, env: NodeJS.ProcessEnv = process.env): void {
  const setting = trustProxySetting(env['TRUST_PROXY']);
  if (setting === null) return;
  const express = app.getHttpAdapter().getInstance() as { set?: (key: string, value: unknown) => void };
  express.set?.('trust proxy', setting);
}
