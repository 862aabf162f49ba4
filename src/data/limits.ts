// Explicit limits on data input (design.md, "Trust": limits on input size are explicit).

/** Largest data file read: 50 MB. A review list of 10,000 rows is well under 5 MB. */
export const MAX_DATA_BYTES = 50 * 1024 * 1024;

/** Largest number of data rows accepted from one file. */
export const MAX_DATA_ROWS = 200_000;

/**
 * Largest XLSX sheet: cells present (formatted or not), and the area from A1 to the farthest
 * value. A review list of 10,000 rows × 20 columns is 200,000; the reader that came before
 * (exceljs) held a loaded cell in roughly half a kilobyte, so this bounded a load near 500 MB.
 */
export const MAX_DATA_CELLS = 1_000_000;

/** Largest total an XLSX unpacks to (its parts are XML; a zip bomb stops here). */
export const MAX_XLSX_INFLATED_BYTES = 400 * 1024 * 1024;

/**
 * Longest value of one cell, in characters: Excel's own limit (32,767). A 10 MB CSV cell passed
 * `check` and then took 163 s and 2.2 GB in the stages after it.
 */
export const MAX_CELL_CHARS = 32_767;

/**
 * Most columns in a data file. A name list or a review table has tens; 100,000 columns passed
 * `check` and took 205 s and 7.4 GB to build (every record an object of every column).
 */
export const MAX_DATA_COLUMNS = 1_000;
