export * from './permissions.ts';
export * from './errors.ts';
export * from './pagination.ts';
export * from './password.ts';
export * from './validators/index.ts';
export * from './masking.ts';
