// Facts of the Rotor API contract (docs/api.md §1) that both the upstream client and the demo API rely on.

/** The `rotor-api-version` header every request carries; Rotor refuses any other. */
export const ROTOR_API_VERSION = '1.1.0';
