// The invalid messages: each breaks one rule (or two, to pin the order of the checks) and is otherwise
// well formed and well signed, so the expected code is the only possible answer.
import { formCases } from './invalid-form.mjs';
import { collector } from './invalid-helpers.mjs';
import { schemaCases } from './invalid-schema.mjs';
import { sealedCases } from './invalid-sealed.mjs';
import { valueCases } from './invalid-values.mjs';

/** Every invalid message, in the order they are listed in messages/index.json. */
export function invalidMessages() {
  const list = [];
  const add = collector(list);
  formCases(add);
  schemaCases(add);
  valueCases(add);
  sealedCases(add);
  return list;
}
