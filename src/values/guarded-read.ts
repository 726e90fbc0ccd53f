/**
 * One values file, read within the limits (limits.ts) whichever reader does the work: the checks
 * that bound memory run before it, its result is charged to the run's budget after it, and a
 * reader that runs out of stack on a deeply nested file hands over to parseValuesYaml, whose
 * depth check explains the problem with a line and column.
 */
import { checkValuesText, parseValuesYaml, type ParsedValues } from './parse-yaml.js';
import { ValuesLimitError, type ValuesBudget } from './limits.js';

export type ValuesReader = (text: string, file: string) => ParsedValues;

export function readValuesGuarded(text: string, file: string, budget: ValuesBudget, read: ValuesReader = parseValuesYaml): ParsedValues {
  checkValuesText(text, file);
  let parsed: ParsedValues;
  try {
    parsed = read(text, file);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    parsed = parseValuesYaml(text, file);
  }
  try {
    budget.charge(parsed.values, file, parsed.size);
  } catch (err) {
    // A faster reader has no positions for this; the full parser says where the nesting is too deep.
    if (err instanceof ValuesLimitError && err.limit === 'MAX_VALUES_DEPTH' && read !== parseValuesYaml) parseValuesYaml(text, file);
    throw err;
  }
  return parsed;
}
