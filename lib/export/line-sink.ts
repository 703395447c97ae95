import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/**
 * A text file written piece by piece, waiting for the stream to drain when its buffer is full,
 * so a fast producer never piles the whole file up in memory.
 */
export class LineSink {
  private readonly stream: WriteStream;
  private failure: Error | null = null;
  lines = 0;

  constructor(readonly filename: string) {
    this.stream = createWriteStream(filename, { encoding: "utf8" });
    this.stream.on("error", (e) => (this.failure = e));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  /** One JSONL line. */
  async writeLine(value: unknown): Promise<void> {
    this.lines++;
    await this.write(`${JSON.stringify(value)}\n`);
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, "finish");
  }
}

/** A JSON array written one element at a time: "[", elements joined by ",\n", "]". */
export class JsonArraySink {
  private readonly sink: LineSink;
  count = 0;

  constructor(readonly filename: string) {
    this.sink = new LineSink(filename);
  }

  async push(value: unknown, indent?: number): Promise<void> {
    await this.sink.write(`${this.count++ === 0 ? "[\n" : ",\n"}${JSON.stringify(value, null, indent)}`);
  }

  async close(): Promise<void> {
    await this.sink.write(this.count === 0 ? "[]\n" : "\n]\n");
    await this.sink.close();
  }
}
