// The read-ahead worker's script (src/batch/read-ahead.ts): prepares the batch's files in order and
// posts each to the main thread. Built as dist/cli/sroi-read-ahead.cjs for the CLI.
import { workerData, type MessagePort } from "node:worker_threads";
import { readAheadLoop } from "./read-ahead.js";

const { files, claims, ctrl, port } = workerData as { files: string[]; claims: Int32Array; ctrl: Int32Array; port: MessagePort };
readAheadLoop(files, claims, ctrl, (p) => port.postMessage(p));
port.close();
