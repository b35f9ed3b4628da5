import type { Express } from 'express';
import type { DomainDeps } from '../platform/domain-deps.js';
import type { ApiRegistry } from '../platform/http/api-registry.js';

/** Mounts the server-rendered pages (sign-in, board, case file, P2P) on the app. */
export function mountWeb(_app: Express, _api: ApiRegistry, _deps: DomainDeps): void {}
