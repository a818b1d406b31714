// A sheet ready to write: its column heads and its rows as cells, batch by
// batch. Built from one column definition, so both formats say the same.
import type { CellKind, CellValue, Column } from '../../domain/exports';

export interface ColumnHead {
	header: string;
	width: number;
	kind: CellKind;
}

export interface SheetSource {
	/** The worksheet's name (Excel allows 31 characters). */
	name: string;
	columns: ColumnHead[];
	rows: AsyncIterable<CellValue[][]>;
}

/** `batches` of rows as cells, through `columns`. */
export function sheetSource<R>(name: string, columns: readonly Column<R>[], batches: AsyncIterable<R[]>): SheetSource {
	async function* rows() {
		for await (const batch of batches) yield batch.map((row) => columns.map((c) => c.value(row)));
	}
	return { name, columns: columns.map(({ header, width, kind }) => ({ header, width, kind })), rows: rows() };
}
