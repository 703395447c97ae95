import { fileWriter, ParquetWriter } from "hyparquet-writer";
import type { KeyValue } from "hyparquet-writer";
import { parquetSchema, type Field } from "./parquet-schema";

/**
 * A parquet file written row group by row group: rows are buffered until `rowGroupSize`, then
 * transposed and encoded, so memory holds one group, never the file. The file is created on
 * construction and is valid only after `close`.
 */
export class ParquetSink {
  private readonly writer: ParquetWriter;
  private readonly names: string[];
  private buffer: Record<string, unknown>[] = [];
  rows = 0;

  constructor(
    readonly filename: string,
    columns: Field[],
    private readonly rowGroupSize = 1000,
    kvMetadata?: KeyValue[],
  ) {
    this.names = columns.map((c) => c.name);
    // min/max statistics of prompts and JSON blobs help no reader and cost a third of the write time
    this.writer = new ParquetWriter({ writer: fileWriter(filename), schema: parquetSchema(columns), kvMetadata, createdBy: "flywheel-studio", statistics: false });
  }

  add(row: Record<string, unknown>): void {
    this.buffer.push(row);
    this.rows++;
    if (this.buffer.length >= this.rowGroupSize) this.flush();
  }

  async close(): Promise<void> {
    this.flush();
    await this.writer.finish();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    const rows = this.buffer;
    this.buffer = [];
    const columnData = this.names.map((name) => ({ name, data: rows.map((r) => r[name] ?? null) }));
    // fileWriter is synchronous, so write() returns no promise
    void this.writer.write({ columnData, rowGroupSize: rows.length });
  }
}
