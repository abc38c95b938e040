/** What each operation's implementation receives (the input after validation, defaults filled in) and returns. */
import type { z } from 'zod';
import type { ControlOperationName, ControlOutput, controlOperations } from './control-operations.js';

export type ControlParsedInput<Name extends ControlOperationName> = z.output<(typeof controlOperations)[Name]['input']>;

export type ControlHandlers = {
  [Name in ControlOperationName]: (input: ControlParsedInput<Name>) => Promise<ControlOutput<Name>>;
};
