import path from "node:path";
import { SPLITS, writeFailed, type Split } from "./types";

interface Sink {
  readonly filename: string;
  close(): Promise<void>;
}

/**
 * A format's files, one per split (`files` names them in `outDir`), each opened on its split's
 * first row. A file that fails to open, take a row or finish stops the export (writeFailed).
 */
export function splitSinks<S extends Sink>(outDir: string, files: Record<Split, string>, open: (file: string) => S) {
  const sinks = new Map<Split, S>();
  return {
    async write(split: Split, write: (sink: S) => unknown): Promise<void> {
      const file = path.join(outDir, files[split]);
      try {
        let sink = sinks.get(split);
        if (!sink) sinks.set(split, (sink = open(file)));
        await write(sink);
      } catch (e) {
        throw writeFailed(file, e);
      }
    },
    /** Finishes the files opened, in split order; their paths. */
    async close(): Promise<string[]> {
      const opened = SPLITS.flatMap((s) => sinks.get(s) ?? []);
      for (const sink of opened) await sink.close().catch((e) => Promise.reject(writeFailed(sink.filename, e)));
      return opened.map((s) => s.filename);
    },
  };
}
