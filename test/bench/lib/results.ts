// Where the bench writes: latest.json, the servers' log files and scratch files (git-ignored).
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../support/server-process';

export const RESULTS_DIR = join(PROJECT_ROOT, 'test', 'bench', 'results');
