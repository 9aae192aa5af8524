// A worker thread starts plain Node, which cannot import TypeScript: register tsx's loader (https://tsx.is/dev-api/register-esm), then load the worker's .ts module. Plain JavaScript on purpose: it is the one file Node loads before tsx.
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.module);
