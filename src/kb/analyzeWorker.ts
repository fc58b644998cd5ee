/**
 * A worker thread of the cold build: reads, parses and analyses the files it is sent and posts the results
 * back (see analyzeAll.ts).
 */
import { parentPort } from 'node:worker_threads';
import { readAndAnalyze } from './readAndAnalyze.ts';

parentPort?.on('message', ({ dir, files }: { dir: string; files: string[] }) => {
  parentPort?.postMessage(files.map((file) => readAndAnalyze(dir, file)));
});
