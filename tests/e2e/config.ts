import path from 'node:path';
import { TMP } from '../helpers/paths';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4173);
export const E2E_BASE = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_IDS_FILE = path.join(TMP, 'e2e', 'demo-ids.json');
