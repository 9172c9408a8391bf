// Generated from spec/schemas by packages/core/scripts/compile-schemas.mjs: do not edit.
// Regenerate with `npm run schemas -w @intentcast/core`; a test fails when this file is out of date.
import type { ErrorObject } from 'ajv/dist/2020.js';

/** A validator compiled from a schema: true when `data` matches; otherwise `errors` says why. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Checks a value against spec/schemas/intent.json. */
export declare const intent: Validator;

/** Checks a value against spec/schemas/offer.json. */
export declare const offer: Validator;

/** Checks a value against spec/schemas/reply.json. */
export declare const reply: Validator;

/** Checks a value against spec/schemas/withdraw.json. */
export declare const withdraw: Validator;

/** Checks a value against spec/schemas/confirm.json. */
export declare const confirm: Validator;

/** Checks a value against spec/schemas/sealed-content.json. */
export declare const sealedContent: Validator;

/** Checks a value against spec/schemas/webhook-event.json. */
export declare const webhookEvent: Validator;
