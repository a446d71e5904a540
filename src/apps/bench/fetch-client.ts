/**
 * The fetch loop as its own process, as a calling application is: run by
 * client-process.ts, it loads the service at argv[2] with argv[4] clients
 * for argv[3] seconds and prints its figures and its own CPU as one JSON
 * line. In the bench's process, the loop would share a heap that holds a
 * pipeline and its indexes, and collect their garbage on every response.
 */
import { loadAskWithFetch } from './load.ts';
import { distinct } from './settings.ts';

const [url, seconds, connections] = process.argv.slice(2);
const before = process.cpuUsage();
const figures = await loadAskWithFetch(url!, distinct, { seconds: Number(seconds), connections: Number(connections) });
const used = process.cpuUsage(before);
console.log(JSON.stringify({ ...figures, cpuSeconds: (used.user + used.system) / 1e6 }));
