import type { CellValue, Row } from 'exceljs';

/** A header cell: its column number and text. */
export interface HeaderCell {
  col: number;
  text: string;
}

/** A row below the header, as exceljs's sparse array of values by column number. */
export interface SheetRow {
  number: number;
  values: CellValue[];
}

export interface SheetHandlers {
  /** The sheet's first row's cells; called before any other row, and may throw to refuse the sheet. */
  header(cells: HeaderCell[] | undefined): void;
  /** The rows below, a batch at a time; reading waits until the returned promise settles. */
  rows(batch: SheetRow[]): Promise<void>;
}

export declare class ReaderFailure extends Error {
  readonly handed: boolean;
  constructor(cause: unknown, handed: boolean);
}

export declare function headerCells(row: Row | undefined): HeaderCell[];

export declare function readSheetRows(
  buffer: Uint8Array,
  names: readonly string[],
  handlers: SheetHandlers,
  batchSize: number,
): Promise<boolean>;
