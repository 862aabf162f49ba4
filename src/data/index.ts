// Data as users have it: CSV (UTF-8, GBK), XLSX, YAML and JSON → records of strings.
export { loadRecords, DATA_EXTENSIONS } from './load-records.js';
export type { LoadedRecords, LoadOptions } from './types.js';
export { decodeText } from './decode-text.js';
export { formatExcelValue, formatGeneral } from './excel-format.js';
export { MAX_DATA_BYTES, MAX_DATA_ROWS } from './limits.js';
