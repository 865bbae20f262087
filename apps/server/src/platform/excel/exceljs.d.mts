// Types of exceljs.mjs: exceljs itself.
export { default } from 'exceljs';
