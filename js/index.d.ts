export * from './aigc_label.js';
export { default } from './aigc_label.js';
export * from './verifier.js';
