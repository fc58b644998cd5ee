// A worker thread does not inherit tsx's loader from its parent, so it registers tsx itself before loading
// the TypeScript worker. (Plain JavaScript: this file runs before TypeScript can be loaded.)
import { register } from 'tsx/esm/api';

register();
await import('./analyzeWorker.ts');
