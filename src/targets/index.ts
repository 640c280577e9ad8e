/**
 * Target input: what each target of a rule receives for an event (`Input`, `InputPath`,
 * `InputTransformer`), and PutTargets' checks of those members. Pure functions; the bus calls them
 * when it stores targets and when it delivers.
 */

export { targetInput, transformTargetInput, TargetInputError } from './transform.js';
export { validateTargetInput, validateTargetDeliveryConfig, PREDEFINED_VARIABLES, MAX_INPUT_PATHS } from './validate.js';
export type { InputTransformer, TargetInputContext, TargetInputProblem, TargetInputSpec } from './types.js';
