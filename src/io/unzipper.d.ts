// The slice of unzipper (exceljs's own unzip library) that the XLSX size guard and the reader use.
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    autodrain(): unknown;
  }
  const unzipper: { Parse(opts?: { forceStream?: boolean; verbose?: boolean }): Duplex };
  export default unzipper;
}
