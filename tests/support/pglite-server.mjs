// PGlite's socket server (PostgreSQL with pgvector and unaccent, from npm)
// for the PostgreSQL store's tests, with one change: a connection's
// extended-protocol batch (Parse, Bind, Describe, Execute… up to its Sync)
// runs whole before another connection's messages do. The stock server
// queues protocol messages one at a time across connections, pinning a
// connection only inside a transaction, so two clients' batches can
// interleave and one client's Bind runs the other's statement: a query then
// gets another query's rows (electric-sql/pglite#1046, open). PostgreSQL
// itself gives each connection its own session, as this server now does
// for a batch.
//
// Usage: node pglite-server.mjs DATA_DIR PORT   (prints "listening on" when ready)
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Message types that open or continue a batch, which the same connection's Sync closes. */
const IN_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((letter) => letter.charCodeAt(0)));
const SYNC = 'S'.charCodeAt(0);

/** Replaces the server's queue scheduling with one that keeps a batch's messages together (see above). */
function keepBatchesWhole(queue) {
  /** The connection whose batch is open, if any. */
  let open = null;
  queue.processQueue = async function processQueue() {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId !== null ? this.lastHandlerId : open;
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not come yet: the others wait for it (its arrival runs the queue again).
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        const type = item.message[0];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          if (open === item.handlerId) open = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        if (IN_BATCH.has(type)) open = item.handlerId;
        else if (type === SYNC && open === item.handlerId) open = null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  // A connection gone mid-batch must not hold the others back.
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (open === handlerId) {
      open = null;
      void queue.processQueue();
    }
  };
}

const [dataDir, port] = process.argv.slice(2);
const db = new PGlite(dataDir, { extensions: { vector, unaccent } });
await db.waitReady;
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: Number(port), maxConnections: 100 });
keepBatchesWhole(server.queryQueue);
await server.start();
console.log(`listening on 127.0.0.1:${port}`);
const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
