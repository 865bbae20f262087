export * from './normalize.ts';
export * from './idcard.ts';
export * from './uscc.ts';
export * from './phone.ts';
export * from './zod.ts';
export * from './messages.ts';
export * from './region.ts';
