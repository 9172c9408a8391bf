// Receipts and the auth signing input live in core, shared with the relay that makes them.
export { authSigningInput, type Receipt, verifyReceipt } from '@intentcast/core';
