import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A file download: never cached, saved under `name`. */
export const attachment = (body: BodyInit, name: string, type: string) =>
  new Response(body, { headers: { "content-type": type, "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" } });

/** A temp folder for one export; removed once its download has been streamed (or failed). */
export function exportDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "flywheel-export-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files one after another as a web stream, read in chunks (never whole in memory); `done` runs at the end or on cancel. */
export function streamFiles(files: string[], done: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  let current: AsyncIterator<Buffer> | null = null;
  let finished = false;
  const finish = () => {
    if (!finished) (finished = true), done();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          if (!current) {
            if (index >= files.length) {
              controller.close();
              return finish();
            }
            current = createReadStream(files[index++])[Symbol.asyncIterator]();
          }
          const next = await current.next();
          if (next.done) current = null;
          else return controller.enqueue(new Uint8Array(next.value));
        }
      } catch (e) {
        finish();
        controller.error(e);
      }
    },
    async cancel() {
      await current?.return?.();
      finish();
    },
  });
}
