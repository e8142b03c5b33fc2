export { BETA_SPEC, SPECS_DIR, V3_SPEC, skipRealSpecs } from '../../support/sailpoint-specs.js';
