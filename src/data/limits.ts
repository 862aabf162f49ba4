// Explicit limits on data input (design.md, "Trust": limits on input size are explicit).

/** Largest data file read: 50 MB. A review list of 10,000 rows is well under 5 MB. */
export const MAX_DATA_BYTES = 50 * 1024 * 1024;

/** Largest number of data rows accepted from one file. */
export const MAX_DATA_ROWS = 200_000;
